package org.modsvc.emit.wrapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * What reporter.sh wrote: the arguments, the physical working directory and the environment, all
 * as raw bytes (environment names as ISO-8859-1 strings, which keeps every byte).
 */
record Report(List<byte[]> argv, byte[] cwd, TreeMap<String, byte[]> env) {

    static Report parse(byte[] data) {
        List<byte[]> fields = split(data);
        int i = 0;
        expect(fields.get(i++), "argv");
        int n = Integer.parseInt(latin1(fields.get(i++)));
        var argv = new ArrayList<byte[]>();
        for (int j = 0; j < n; j++) argv.add(fields.get(i++));
        expect(fields.get(i++), "cwd");
        byte[] cwd = fields.get(i++);
        cwd = Arrays.copyOf(cwd, cwd.length - 1); // pwd's newline
        expect(fields.get(i++), "env");
        var env = new TreeMap<String, byte[]>();
        while (i < fields.size()) {
            byte[] e = fields.get(i++);
            int eq = 0;
            while (eq < e.length && e[eq] != '=') eq++;
            env.put(latin1(Arrays.copyOf(e, eq)), Arrays.copyOfRange(e, Math.min(eq + 1, e.length), e.length));
        }
        return new Report(argv, cwd, env);
    }

    private static void expect(byte[] field, String word) {
        if (!latin1(field).equals(word)) {
            throw new IllegalStateException("report: expected " + word + ", found " + latin1(field));
        }
    }

    private static List<byte[]> split(byte[] data) {
        var out = new ArrayList<byte[]>();
        int start = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == 0) {
                out.add(Arrays.copyOfRange(data, start, i));
                start = i + 1;
            }
        }
        return out;
    }

    static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
