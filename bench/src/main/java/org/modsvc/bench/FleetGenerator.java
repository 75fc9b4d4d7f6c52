package org.modsvc.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Writes the second benchmark shape, the fleet of issue 15, which nobody tuned for: many distinct
 * contracts and providers rather than a few shared ones, {@code policy: auto} everywhere, and an
 * environment built from {@code ${requires.*.url}} references in every service.
 *
 * <p>For N services (100 000 in the issue) over N/200 nodes: N/50 contracts {@code api.K}, each
 * with one provider module; the first 20 are contracts that cannot be shared ({@code shared:
 * false}), so auto gives every requester a dedicated provider of its own, and their providers
 * answer on a Unix socket ({@code url: unix:/run/…}); the others are shared API providers that
 * run on node {@code K mod nodes}, reached across nodes. Each service requires three contracts:
 * on average 2.4 shared and 0.6 dedicated (240 000 and 60 000 at N = 100 000); every 20th service
 * has a static sub-service. That makes about 1.65 N instances.
 *
 * <p>Beside the setup it writes {@code edges.txt}, one {@code consumer provider} line per binding
 * the plan will have (instance ids), for comparing with {@code tsort} over the same edges. The
 * same seed gives the same files.
 *
 * <p>With {@code --compose} it also writes {@code docker-compose.yml}: the same services as docker
 * compose describes them, for timing {@code docker-compose config} beside {@code modsvc validate}
 * (issue 15). Compose has no contracts, so each binding is a {@code depends_on} and its URL a
 * literal environment value; a dedicated provider or sub-service is a service of its own.
 *
 * <p>Usage: {@code FleetGenerator --services N [--nodes M] [--seed S] [--compose] --out DIR}
 */
public final class FleetGenerator {
    /** Contracts that cannot be shared: each requester gets a dedicated provider. */
    static final int DEDICATED_CONTRACTS = 20;

    /** What to generate. */
    public record Spec(int services, int nodes, long seed) {
        public Spec {
            if (services < 100) throw new IllegalArgumentException("at least 100 services");
            if (nodes < 1) throw new IllegalArgumentException("at least one node");
        }

        int contracts() {
            return Math.max(DEDICATED_CONTRACTS + 10, services / 50);
        }
    }

    private FleetGenerator() {}

    public static void main(String[] args) throws IOException {
        int services = 100_000;
        Integer nodes = null;
        long seed = 1;
        Path out = null;
        boolean compose = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--services" -> services = Integer.parseInt(args[++i]);
                case "--nodes" -> nodes = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--compose" -> compose = true;
                default -> usage();
            }
        }
        if (out == null) usage();
        write(new Spec(services, nodes != null ? nodes : Math.max(2, services / 200), seed), out, compose);
    }

    private static void usage() {
        System.err.println("usage: FleetGenerator --services N [--nodes M] [--seed S] [--compose] --out DIR");
        System.exit(2);
    }

    static String contract(int k) {
        return String.format("api.c%04d", k);
    }

    static String provider(int k) {
        return String.format("prov%04d", k);
    }

    static String service(int s) {
        return String.format("app%06d", s);
    }

    static String node(int n) {
        return "n" + n;
    }

    /** Writes the setup into {@code dir} (created; must not hold another setup). */
    public static void write(Spec spec, Path dir) throws IOException {
        write(spec, dir, false);
    }

    /** As {@link #write(Spec, Path)}, with {@code docker-compose.yml} beside it when {@code compose}. */
    public static void write(Spec spec, Path dir, boolean compose) throws IOException {
        var peer = compose ? new StringBuilder("version: \"3.8\"\nservices:\n") : null;
        Path services = Files.createDirectories(dir.resolve("services"));
        Path contracts = Files.createDirectories(dir.resolve("contracts"));
        var rnd = new SplittableRandom(spec.seed());
        int cs = spec.contracts();
        for (int k = 0; k < cs; k++) {
            boolean dedicated = k < DEDICATED_CONTRACTS;
            Files.writeString(
                    contracts.resolve(contract(k) + ".yaml"),
                    "name: " + contract(k) + "\nreach: " + (dedicated ? "local" : "network") + "\nshared: "
                            + !dedicated + "\ndefaultProvider: " + provider(k) + "\nresult:\n  url: { type: url }\n"
                            + (dedicated ? "" : "  host: { type: host }\n  port: { type: port }\n"),
                    StandardCharsets.UTF_8);
            Files.writeString(
                    services.resolve(provider(k) + ".yaml"), providerYaml(k, dedicated), StandardCharsets.UTF_8);
            if (peer != null && !dedicated) {
                peer.append("  ")
                        .append(provider(k))
                        .append(":\n    image: gen-api\n    command: [\"--listen\", \"0.0.0.0:")
                        .append(10000 + k)
                        .append("\"]\n");
            }
        }
        var edges = new ArrayList<String>();
        List<List<String>> run = new ArrayList<>();
        for (int n = 0; n < spec.nodes(); n++) run.add(new ArrayList<>());
        for (int k = DEDICATED_CONTRACTS; k < cs; k++) run.get(k % spec.nodes()).add(provider(k));
        for (int s = 0; s < spec.services(); s++) {
            int n = s % spec.nodes();
            // Three distinct contracts: a dedicated one with probability 0.6 over the three draws.
            var chosen = new TreeSet<Integer>();
            while (chosen.size() < 3) {
                boolean dedicated = rnd.nextInt(5) == 0;
                chosen.add(
                        dedicated
                                ? rnd.nextInt(DEDICATED_CONTRACTS)
                                : DEDICATED_CONTRACTS + rnd.nextInt(cs - DEDICATED_CONTRACTS));
            }
            boolean worker = s % 20 == 0;
            Files.writeString(
                    services.resolve(service(s) + ".yaml"), serviceYaml(s, chosen, worker), StandardCharsets.UTF_8);
            run.get(n).add(service(s));
            if (peer != null) composeService(peer, s, chosen, worker);
            String me = node(n) + "/" + service(s);
            for (int k : chosen) {
                edges.add(
                        k < DEDICATED_CONTRACTS
                                ? me + " " + me + "-r" + k
                                : me + " " + node(k % spec.nodes()) + "/" + provider(k));
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("setup.yaml"), StandardCharsets.UTF_8)) {
            w.write("# generated by org.modsvc.bench.FleetGenerator: " + spec + "\n");
            w.write("name: fleet\npolicy: auto\nnodes:\n");
            for (int n = 0; n < spec.nodes(); n++) {
                w.write("  " + node(n) + ":\n    address: 10." + (n / 65536 % 256) + "." + (n / 256 % 256) + "."
                        + (n % 256) + "\n    target: systemd\n    run:\n");
                for (String m : run.get(n)) w.write("      - " + m + "\n");
            }
        }
        Files.write(dir.resolve("edges.txt"), edges, StandardCharsets.UTF_8);
        if (peer != null) Files.writeString(dir.resolve("docker-compose.yml"), peer, StandardCharsets.UTF_8);
    }

    /** Service {@code s} for docker compose, with its dedicated providers and its worker as services. */
    private static void composeService(StringBuilder b, int s, TreeSet<Integer> chosen, boolean worker) {
        String me = service(s);
        b.append("  ")
                .append(me)
                .append(":\n    image: gen-app\n    command: [\"--name\", \"")
                .append(me)
                .append("\"]\n    environment:\n");
        for (int k : chosen) {
            b.append("      URL_").append(k).append(": \"");
            if (k < DEDICATED_CONTRACTS)
                b.append("unix:/run/").append(me).append("-r").append(k).append("/s.sock");
            else
                b.append("http://")
                        .append(provider(k))
                        .append(':')
                        .append(10000 + k)
                        .append('/');
            b.append("\"\n");
        }
        b.append("    depends_on:\n");
        for (int k : chosen) {
            b.append("      - ")
                    .append(k < DEDICATED_CONTRACTS ? me + "-r" + k : provider(k))
                    .append('\n');
        }
        if (worker) b.append("      - ").append(me).append("-worker\n");
        for (int k : chosen) {
            if (k >= DEDICATED_CONTRACTS) continue;
            b.append("  ")
                    .append(me)
                    .append("-r")
                    .append(k)
                    .append(":\n    image: gen-local\n    command: [\"--socket\", \"/run/")
                    .append(me)
                    .append("-r")
                    .append(k)
                    .append("/s.sock\"]\n");
        }
        if (worker) b.append("  ").append(me).append("-worker:\n    image: gen-worker\n");
    }

    private static String providerYaml(int k, boolean dedicated) {
        if (dedicated) {
            return "name: " + provider(k)
                    + "\nprocess:\n  argv: [/usr/bin/gen-local, --socket, \"${self.runtimeDir}/s.sock\"]\n"
                    + "provides:\n  main:\n    contract: " + contract(k)
                    + "\n    result: { url: \"unix:${self.runtimeDir}/s.sock\" }\n";
        }
        return "name: " + provider(k)
                + "\nprocess:\n  argv: [/usr/bin/gen-api, --listen, \"${node.address}:${provides.main.port}\"]\n"
                + "provides:\n  main:\n    contract: " + contract(k) + "\n    result: { url: \"http://${node.address}:"
                + (10000 + k) + "/\", host: \"${node.address}\", port: " + (10000 + k) + " }\n";
    }

    private static String serviceYaml(int s, TreeSet<Integer> chosen, boolean worker) {
        var b = new StringBuilder("name: ").append(service(s)).append('\n');
        b.append("process:\n  argv: [/usr/bin/gen-app, --name, \"${self.name}\"]\n  environment:\n");
        for (int k : chosen)
            b.append("    URL_").append(k).append(": \"${requires.r").append(k).append(".url}\"\n");
        if (worker) b.append("services:\n  worker: { process: { argv: [/usr/bin/gen-worker] } }\n");
        b.append("requires:\n");
        for (int k : chosen)
            b.append("  r")
                    .append(k)
                    .append(": { contract: ")
                    .append(contract(k))
                    .append(" }\n");
        return b.toString();
    }
}
