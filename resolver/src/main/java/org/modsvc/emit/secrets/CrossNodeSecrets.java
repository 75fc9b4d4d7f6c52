package org.modsvc.emit.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.modsvc.model.Contract;
import org.modsvc.model.Field;
import org.modsvc.plan.Binding;
import org.modsvc.plan.BindingKind;
import org.modsvc.plan.Plan;

/**
 * The secret files a plan needs on more than one node: each secret result field of a remote
 * binding is a file that the provider's fulfil step uses (it makes the file only when it is
 * missing) and that the consumer loads as a credential, at the same path on both nodes. No
 * manager can copy a file between machines, so these are delivered by a step of their own
 * ({@code modsvc secrets}); secrets of same-node bindings are made where they are used and never
 * leave the node.
 */
public final class CrossNodeSecrets {
    private CrossNodeSecrets() {}

    /**
     * One secret file and every node that needs the same content.
     *
     * @param path absolute path as the plan writes it
     * @param copies the provider's node and every remote consumer's node, sorted, each with the
     *     absolute path of its copy there: {@code path} itself, unless that node's tree runs from a
     *     root of its own (the wrapper target's {@code --root}), which relocates the path into it
     * @param provider the provider instance id
     * @param consumers {@code node/instance.requirement} of each remote consumer, sorted
     */
    public record Delivery(
            String path, SortedMap<String, String> copies, String provider, SortedSet<String> consumers) {
        /** The nodes that get a copy, sorted. */
        public SortedSet<String> nodes() {
            return new TreeSet<>(copies.keySet());
        }
    }

    /** Where a node reads a path of the plan (its tree may be relocated). */
    @FunctionalInterface
    public interface Placement {
        /** Every node reads each path where the plan writes it. */
        Placement AS_PLANNED = (node, path) -> path;

        /** @return the absolute path on {@code node}; never null */
        String at(String node, String path);
    }

    /**
     * @param contracts the setup's contracts by name, for which result fields are secret
     * @return the deliveries by path, sorted; empty when no remote binding carries a secret
     */
    public static List<Delivery> of(Plan plan, Map<String, Contract> contracts) {
        return of(plan, contracts, Placement.AS_PLANNED);
    }

    /**
     * As {@link #of(Plan, Map)}, each node's copy where {@code placement} says that node reads it.
     */
    public static List<Delivery> of(Plan plan, Map<String, Contract> contracts, Placement placement) {
        var byPath = new TreeMap<String, Delivery>();
        for (Binding b : plan.bindings()) {
            if (b.kind() != BindingKind.REMOTE) continue;
            Contract c = contracts.get(b.contract());
            if (c == null) continue;
            for (Field f : c.result().values()) {
                String path = f.secret() ? b.result().get(f.name()) : null;
                if (path == null || !path.startsWith("/")) continue;
                String providerNode = node(b.provider());
                Delivery d = byPath.computeIfAbsent(
                        path, p -> new Delivery(p, new TreeMap<>(), b.provider(), new TreeSet<>()));
                d.copies().put(providerNode, placement.at(providerNode, path));
                String consumerNode = node(b.consumer());
                d.copies().put(consumerNode, placement.at(consumerNode, path));
                d.consumers().add(b.consumer() + "." + b.requirement());
            }
        }
        return new ArrayList<>(byPath.values());
    }

    private static String node(String instanceId) {
        return instanceId.substring(0, instanceId.indexOf('/'));
    }
}
