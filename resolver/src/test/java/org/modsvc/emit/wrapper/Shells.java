package org.modsvc.emit.wrapper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.modsvc.testing.Tools;

/** The shells every wrapper must run under, each as the command that runs a script file. */
enum Shells {
    DASH("dash"),
    BASH("bash"),
    BASH_POSIX("bash", "--posix"),
    BUSYBOX("busybox", "sh");

    private final String program;
    private final List<String> options;

    Shells(String program, String... options) {
        this.program = program;
        this.options = List.of(options);
    }

    /** The command that runs a script, ready for its path; skips or fails the test when missing. */
    List<String> command() {
        Path p = Tools.require(program);
        var c = new ArrayList<String>();
        c.add(p.toString());
        c.addAll(options);
        return c;
    }

    @Override
    public String toString() {
        return options.isEmpty() ? program : program + " " + String.join(" ", options);
    }
}
