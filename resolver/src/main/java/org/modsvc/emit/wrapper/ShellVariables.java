package org.modsvc.emit.wrapper;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which variables a wrapper may set, set by default, extend or unset. The wrapper runs under
 * whatever {@code /bin/sh} is (dash, bash, {@code bash --posix}, busybox sh, mksh or another ksh),
 * and each of them keeps some variables for itself: it evaluates an assignment to them as
 * arithmetic (and arithmetic runs {@code $(…)} inside an array subscript, so a quoted value runs a
 * command), makes them read-only (the script aborts), recomputes them (the value never reaches the
 * program), expands them later as prompts or startup files (commands run in a shell the program
 * starts), or changes how the shell itself runs. A value can only be trusted to reach the program
 * byte for byte, and to run nothing, in a variable none of them treats specially; so those are
 * refused, by name, whatever the value.
 *
 * <p>The lists were taken from each shell's manual and checked by running every name, under every
 * shell, through every wrapper operation (see {@code SpecialVariablesTest}). Two names that
 * programs do read, {@code COLUMNS} and {@code LINES}, are kept but neutralised: mksh evaluates
 * them as arithmetic, which is harmless only for a plain decimal number, so only such a value is
 * accepted and they cannot be built as lists.
 *
 * <p>Variables that shells only consult and that exist for programs ({@code PATH}, {@code HOME},
 * {@code LANG}, {@code LC_*}, {@code TMPDIR}, {@code TERM}, {@code SHELL}, {@code POSIXLY_CORRECT},
 * {@code MAIL}, {@code EDITOR}, …) stay allowed: the same test shows every shell passes them on
 * as written and runs nothing from them. Those that some shell sets itself when the caller does
 * not (PATH, TERM, SHELL, POSIXLY_CORRECT under {@code bash --posix}…) cannot be a default, and,
 * PATH apart, not a list.
 */
public final class ShellVariables {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,8}");

    /** A wrapper operation on a variable. */
    enum Use {
        ENVIRONMENT("environment"),
        SET_DEFAULT("setDefault"),
        PREFIX("prefix"),
        SUFFIX("suffix"),
        UNSET("unset");

        final String word;

        Use(String word) {
            this.word = word;
        }
    }

    private static final String ARITHMETIC =
            "bash or mksh evaluate an assignment to it as arithmetic, and arithmetic can run commands";
    private static final String READ_ONLY = "a shell makes it read-only or recomputes it, so it would not reach"
            + " the program as written (and assigning it can abort the script)";
    private static final String EXPANDED =
            "shells expand it as a prompt or a startup file, which runs any" + " command substitution in it";
    private static final String STATE =
            "it changes how the shell itself runs (splitting, lookup, tracing," + " history, options)";

    /** Exact names, each with why it is refused. */
    private static final Map<String, String> SPECIAL = table();

    /** Names that start with these belong to a shell (bash's, ksh's, completion, readline). */
    private static final Set<String> SPECIAL_PREFIXES = Set.of("BASH", "KSH", "COMP_", "READLINE_");

    /** Programs read them, mksh evaluates them as arithmetic: a plain decimal number only. */
    private static final Set<String> DECIMAL_ONLY = Set.of("COLUMNS", "LINES");

    /**
     * A shell sets these itself when the caller does not (dash and busybox a default PATH, bash
     * TERM, SHELL, HOSTNAME…, and {@code bash --posix} POSIXLY_CORRECT), so a "set if unset" test never sees them unset and a default would
     * silently never apply, and a list would extend the shell's value.
     */
    private static final Set<String> SHELL_INITIALISED =
            Set.of("PATH", "TERM", "SHELL", "HOSTNAME", "HOSTTYPE", "MACHTYPE", "OSTYPE", "POSIXLY_CORRECT");

    private ShellVariables() {}

    private static Map<String, String> table() {
        var t = new TreeMap<String, String>();
        for (String n : new String[] {
            "OPTIND",
            "RANDOM",
            "SRANDOM",
            "SECONDS",
            "LINENO",
            "HISTCMD",
            "HISTSIZE",
            "TMOUT",
            "PPID",
            "PGRP",
            "PIPESTATUS",
            "USER_ID",
            "KSHUID",
            "KSHGID",
            "KSHEGID"
        }) {
            t.put(n, ARITHMETIC);
        }
        for (String n : new String[] {
            "_",
            "UID",
            "EUID",
            "GROUPS",
            "FUNCNAME",
            "DIRSTACK",
            "EPOCHSECONDS",
            "EPOCHREALTIME",
            "SHELLOPTS",
            "PATHSEP",
            "SHLVL",
            "PWD",
            "OLDPWD",
            "ERRNO",
            "REPLY",
            "COPROC",
            "MAPFILE",
            "COMPREPLY"
        }) {
            t.put(n, READ_ONLY);
        }
        for (String n : new String[] {"PS0", "PS1", "PS2", "PS3", "PS4", "PROMPT_COMMAND", "PROMPT_DIRTRIM", "ENV"}) {
            t.put(n, EXPANDED);
        }
        for (String n : new String[] {
            "IFS",
            "CDPATH",
            "FPATH",
            "GLOBIGNORE",
            "GLOBSORT",
            "EXECIGNORE",
            "FIGNORE",
            "FUNCNEST",
            "OPTARG",
            "OPTERR",
            "HISTFILE",
            "HISTFILESIZE",
            "HISTCONTROL",
            "HISTIGNORE",
            "HISTTIMEFORMAT",
            "HISTEDIT",
            "HISTCHARS",
            "HOSTFILE",
            "IGNOREEOF",
            "INPUTRC",
            "MAILCHECK",
            "MAILPATH",
            "TIMEFORMAT",
            "CHILD_MAX",
            "FCEDIT",
            "JOBMAX",
            "CSWIDTH"
        }) {
            t.put(n, STATE);
        }
        return Map.copyOf(t);
    }

    /** Every name refused whatever the value, for tests and the fuzzer. Never null. */
    public static Set<String> refusedNames() {
        return SPECIAL.keySet();
    }

    /** The prefixes whose every name is refused ({@code BASH}, {@code KSH}…), for the fuzzer. Never null. */
    public static Set<String> refusedPrefixes() {
        return SPECIAL_PREFIXES;
    }

    /** The names kept only for a decimal value. Never null. */
    public static Set<String> decimalOnlyNames() {
        return DECIMAL_ONLY;
    }

    /**
     * Why {@code name} cannot be used this way, or null when it can.
     *
     * @param value the value the wrapper would assign, or null for {@link Use#UNSET} and list
     *     entries (which are checked by name only)
     */
    static String refusal(String name, Use use, String value) {
        if (!NAME.matcher(name).matches()) {
            return "is not a shell variable name ([A-Za-z_][A-Za-z0-9_]*), so sh cannot set or unset it";
        }
        String why = SPECIAL.get(name);
        if (why == null && SPECIAL_PREFIXES.stream().anyMatch(name::startsWith)) {
            why = "names starting "
                    + SPECIAL_PREFIXES.stream()
                            .filter(name::startsWith)
                            .findFirst()
                            .orElseThrow()
                    + " belong to a shell (bash keeps several read-only, reads BASH_ENV at startup and"
                    + " BASH_FUNC_* as functions; mksh evaluates some as arithmetic)";
        }
        if (why != null) return "is a variable some shells keep for themselves: " + why;
        if (SHELL_INITIALISED.contains(name)) {
            // Extending PATH is what prefix and suffix are for: a shell's default PATH is extended.
            if (use == Use.SET_DEFAULT) {
                return "is set by some shells themselves when the caller does not set it, so a default would"
                        + " never apply (declare it under environment instead)";
            }
            if ((use == Use.PREFIX || use == Use.SUFFIX) && !name.equals("PATH")) {
                return "is set by some shells themselves when the caller does not set it, so the list would"
                        + " extend the shell's value, not the caller's (declare it under environment instead)";
            }
        }
        if (DECIMAL_ONLY.contains(name)) {
            if (use == Use.PREFIX || use == Use.SUFFIX) {
                return "is evaluated as arithmetic by mksh, so it cannot be built as a list";
            }
            if (value != null && !DECIMAL.matcher(value).matches()) {
                return "is evaluated as arithmetic by mksh, so only a plain decimal number (such as 80) is safe"
                        + " in it";
            }
        }
        return null;
    }
}
