package org.modsvc.emit.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.modsvc.emit.diff.TreeDiff.Action;
import org.modsvc.emit.diff.TreeDiff.Stamp;

/**
 * The playbook's stamps make the decisions {@code modsvc diff} makes: for random pairs of trees,
 * the actions whose stamps changed (a restart covering the rest, as the playbook applies them)
 * are the actions diff names, unit by unit.
 */
class TreeDiffStampsTest {
    static LongStream seeds() {
        return LongStream.range(0, 300).map(i -> 0x5eed_0000L + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void changedStampsAreWhatDiffNames(long seed) {
        var random = new Random(seed);
        var before = tree(random);
        var after = random.nextInt(4) == 0 ? before : mutate(before, random);
        var expected = new TreeMap<String, Set<Action>>();
        for (var n : TreeDiff.of(prefixed(before), prefixed(after), Set.of())) {
            for (var u : n.units()) if (u.change().equals("changed")) expected.put(u.unit(), u.actions());
        }
        expected.values().removeIf(Set::isEmpty);
        assertThat(fromStamps(before, after)).as("seed %d", seed).isEqualTo(expected);
    }

    @Test
    void aNewRequesterAddsAProvisionStampAndARemovedOneAddsNone() {
        var before = new TreeMap<String, byte[]>(Map.of(
                "etc/systemd/system/modsvc-db.service",
                bytes("[Service]\nExecStart=/db\nExecStartPost=/f a\nExecReload=/bin/kill -HUP $MAINPID\n")));
        var after = new TreeMap<String, byte[]>(Map.of(
                "etc/systemd/system/modsvc-db.service",
                bytes("[Service]\nExecStart=/db\nExecStartPost=/f a\nExecStartPost=/f b\n"
                        + "ExecReload=/bin/kill -HUP $MAINPID\n")));
        assertThat(fromStamps(before, after)).isEqualTo(Map.of("modsvc-db.service", Set.of(Action.REPROVISION)));
        assertThat(fromStamps(after, before)).isEmpty();
        assertThat(TreeDiff.stamps(after)).extracting(Stamp::name).hasSize(4).contains("modsvc-db.service.reload");
    }

    /** What the playbook does: act on the changed stamps' actions, a restart covering the rest. */
    private static Map<String, Set<Action>> fromStamps(
            SortedMap<String, byte[]> before, SortedMap<String, byte[]> after) {
        var onNode = new TreeMap<String, String>();
        for (Stamp s : TreeDiff.stamps(before)) onNode.put(s.name(), s.value());
        var out = new TreeMap<String, Set<Action>>();
        for (Stamp s : TreeDiff.stamps(after)) {
            // A unit the old tree lacked is started, not restarted: diff says "added".
            if (!before.containsKey("etc/systemd/system/" + s.unit())) continue;
            if (s.value().equals(onNode.get(s.name()))) continue;
            out.computeIfAbsent(s.unit(), k -> EnumSet.noneOf(Action.class)).add(s.action());
        }
        out.values().forEach(a -> {
            if (a.contains(Action.RESTART)) a.retainAll(EnumSet.of(Action.RESTART));
        });
        var frozen = new TreeMap<String, Set<Action>>();
        out.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
        return frozen;
    }

    private static SortedMap<String, byte[]> tree(Random r) {
        var out = new TreeMap<String, byte[]>();
        for (String name : List.of("a", "b", "c")) {
            if (r.nextInt(5) == 0) continue;
            var lines = new ArrayList<String>(
                    List.of("[Unit]", "Description=" + name, "[Service]", "ExecStart=/bin/" + name));
            if (r.nextBoolean()) lines.add("ExecReload=/bin/kill -HUP $MAINPID");
            for (int i = r.nextInt(3); i > 0; i--) lines.add("ExecStartPost=/bin/sh fulfil " + r.nextInt(3));
            out.put("etc/systemd/system/modsvc-" + name + ".service", bytes(String.join("\n", lines) + "\n"));
            for (int i = r.nextInt(3); i > 0; i--)
                out.put("etc/system-services/" + name + "/f" + i, bytes("data " + r.nextInt(2)));
        }
        out.put("etc/systemd/system/modsvc-s.target", bytes("[Unit]\nWants=" + r.nextInt(2) + "\n"));
        return out;
    }

    private static SortedMap<String, byte[]> mutate(SortedMap<String, byte[]> tree, Random r) {
        var out = new TreeMap<String, byte[]>(tree);
        var keys = new ArrayList<>(out.keySet());
        String k = keys.get(r.nextInt(keys.size()));
        String text = new String(out.get(k), StandardCharsets.UTF_8);
        switch (r.nextInt(6)) {
            case 0 -> out.put(k, bytes(text + "ExecStartPost=/bin/sh fulfil " + r.nextInt(3) + "\n"));
            case 1 -> out.put(k, bytes(text.replaceFirst("ExecStartPost=[^\n]*\n", "")));
            case 2 -> out.put(k, bytes(text.replace("ExecReload=/bin/kill -HUP $MAINPID\n", "")));
            case 3 -> out.put(k, bytes(text + "X=" + r.nextInt(2) + "\n"));
            case 4 -> out.remove(k);
            default -> out.put("etc/system-services/" + "abc".charAt(r.nextInt(3)) + "/f" + r.nextInt(3), bytes("new"));
        }
        if (r.nextBoolean()) return mutate(out, r);
        return out;
    }

    private static TreeMap<String, byte[]> prefixed(SortedMap<String, byte[]> tree) {
        var out = new TreeMap<String, byte[]>();
        tree.forEach((k, v) -> out.put("n/" + k, v));
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
