package org.modsvc.emit.wrapper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.modsvc.diag.Diagnostic;
import org.modsvc.emit.Emission;
import org.modsvc.emit.TreeWriter;
import org.modsvc.model.Target;
import org.modsvc.plan.TestPlans;
import org.modsvc.plan.Value;
import org.modsvc.plan.WrapperPlan;
import org.modsvc.resolve.RandomSetups;
import org.modsvc.testing.SeedReporter;
import org.modsvc.testing.Tools;

/**
 * Every variable a shell treats specially, through every wrapper operation (environment,
 * setDefault, prefix, suffix, unset), under every shell (dash, bash, {@code bash --posix},
 * busybox sh, and mksh when installed), with a value that runs a command if anything evaluates it
 * (an arithmetic array subscript holding a command substitution, among others). Each case either
 * is refused by the emitter, with a message naming the variable and a hint, or runs and delivers
 * the value as written; in no case does the command run.
 *
 * <p>The names are this test's own list, taken from the shells' manuals, not the emitter's: a
 * name the emitter forgets shows up here as a command that ran or a value that did not arrive.
 * One seed per name (seed mod the list's size); the seed also picks the payload. Each case runs
 * with and without the variable already set by the caller.
 */
@ExtendWith(SeedReporter.class)
class SpecialVariablesTest {
    /** Special in at least one shell (bash, dash, busybox ash, mksh, ksh93), plus ordinary controls. */
    static final List<String> NAMES = List.copyOf(new TreeSet<>(List.of(
            // arithmetic or integer in bash or mksh
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
            "KSHEGID",
            "BASHPID",
            "COLUMNS",
            "LINES",
            // read-only or recomputed
            "_",
            "UID",
            "EUID",
            "GROUPS",
            "FUNCNAME",
            "DIRSTACK",
            "EPOCHSECONDS",
            "EPOCHREALTIME",
            "SHELLOPTS",
            "BASHOPTS",
            "BASH_VERSINFO",
            "BASH_ARGV0",
            "BASH_ARGV",
            "BASH_ARGC",
            "BASH_LINENO",
            "BASH_SOURCE",
            "BASH_SUBSHELL",
            "BASH_COMMAND",
            "BASH_ALIASES",
            "BASH_CMDS",
            "BASH_REMATCH",
            "BASH_MONOSECONDS",
            "BASH_TRAPSIG",
            "BASH",
            "BASH_VERSION",
            "KSH_VERSION",
            "KSH_MATCH",
            "PATHSEP",
            "SHLVL",
            "PWD",
            "OLDPWD",
            "ERRNO",
            "REPLY",
            "COPROC",
            "MAPFILE",
            "COMPREPLY",
            "COMP_WORDBREAKS",
            "COMP_LINE",
            "READLINE_LINE",
            "READLINE_POINT",
            // expanded later (prompts, startup files) or imported as code
            "PS0",
            "PS1",
            "PS2",
            "PS3",
            "PS4",
            "PROMPT_COMMAND",
            "PROMPT_DIRTRIM",
            "ENV",
            "BASH_ENV",
            "BASH_FUNC_f",
            "BASH_FUNC_ls",
            "BASH_FUNC_f%%",
            "ls%%",
            // shell state
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
            "CSWIDTH",
            "BASH_XTRACEFD",
            "BASH_COMPAT",
            "BASH_LOADABLES_PATH",
            // set by a shell when missing
            "TERM",
            "SHELL",
            "HOSTNAME",
            "HOSTTYPE",
            "MACHTYPE",
            "OSTYPE",
            // read by shells, meant for programs: must stay usable
            "PATH",
            "HOME",
            "LANG",
            "LC_CTYPE",
            "LC_COLLATE",
            "LC_MESSAGES",
            "TMPDIR",
            "POSIXLY_CORRECT",
            "MAIL",
            "EDITOR",
            "VISUAL",
            "TZ",
            "EMACS",
            "INSIDE_EMACS",
            "PLAIN_NAME")));

    private static final String[] PAYLOADS = {
        "a[$(touch MARK)]", "x[`touch MARK`]", "1+a[$(touch MARK)]", "$(touch MARK)", "a[$(touch MARK)]+b[0]",
    };

    static Stream<Long> seeds() {
        return RandomSetups.seeds(NAMES.size());
    }

    private record Shell(String label, List<String> command) {}

    private static List<Shell> shells() {
        var out = new ArrayList<Shell>();
        for (Shells s : Shells.values()) out.add(new Shell(s.toString(), s.command()));
        // mksh stands for the ksh family; it is not everywhere, so it is run only when installed.
        Tools.find("mksh").ifPresent(p -> out.add(new Shell("mksh", List.of(p.toString()))));
        return out;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aSpecialVariableIsRefusedOrHarmlessInEveryShellAndOperation(long seed, @TempDir Path tmp) throws Exception {
        String name = NAMES.get((int) (seed % NAMES.size()));
        var random = new Random(seed);
        Path env = Tools.require("env");
        List<Shell> shells = shells();
        Path dir = tmp.toRealPath();
        String payloadTemplate = PAYLOADS[random.nextInt(PAYLOADS.length)];
        // mksh refuses to start at all when the caller's COLUMNS or LINES is not a number.
        String callerValue = ShellVariables.decimalOnlyNames().contains(name) ? "7" : "/caller";
        for (ShellVariables.Use use : ShellVariables.Use.values()) {
            Path mark = dir.resolve("pwned-" + use);
            String payload = payloadTemplate.replace("MARK", mark.toString());
            var plan = TestPlans.setup("s")
                    .node("n", "x", Target.WRAPPER)
                    .instance(instance(name, use, payload, env))
                    .build();
            Emission e = new WrapperEmitter().emit(plan, "n");
            String what = name + " " + use + " payload " + payload;
            if (e.hasErrors()) {
                assertThat(e.files()).as(what).isEmpty();
                assertThat(e.diagnostics().stream().filter(Diagnostic::isError))
                        .as(what)
                        .allSatisfy(d -> {
                            assertThat(d.message()).contains("'" + name + "'");
                            assertThat(d.hints()).isNotEmpty();
                        });
                continue;
            }
            Path tree = dir.resolve("tree-" + use);
            new TreeWriter().write(tree, e.files(), false);
            // Both with and without the variable from the caller; without PATH, each shell puts its
            // own default in, which is why PATH cannot be a setDefault.
            for (boolean callerHasIt : name.equals("PATH") ? new boolean[] {true} : new boolean[] {false, true})
                for (Shell shell : shells) {
                    var caller = new TreeMap<String, String>();
                    if (!name.equals("PATH")) caller.put("PATH", "/usr/bin:/bin");
                    if (callerHasIt) caller.put(name, callerValue);
                    var r = run(shell, tree.resolve("n/bin/w"), caller, dir);
                    String where = what + " under " + shell.label() + " with caller " + caller;
                    assertThat(Files.exists(mark))
                            .as(where + ": the command ran")
                            .isFalse();
                    assertThat(r.status()).as(where + ": " + r.err()).isZero();
                    String expected =
                            switch (use) {
                                case ENVIRONMENT -> payload;
                                case SET_DEFAULT -> callerHasIt ? callerValue : payload;
                                case PREFIX -> callerHasIt ? payload + ":/x:" + callerValue : payload + ":/x";
                                case SUFFIX -> callerHasIt ? callerValue + ":" + payload + ":/x" : payload + ":/x";
                                case UNSET -> null;
                            };
                    assertThat(r.env().get(name))
                            .as(where + ": the value the program got")
                            .isEqualTo(expected);
                }
        }
    }

    /** The emitter refuses every name it lists, in every operation, with a hint. */
    @Test
    void everyRefusedNameIsRefusedInEveryOperation() {
        Path env = Path.of("/usr/bin/env");
        for (String name : ShellVariables.refusedNames()) {
            assertThat(NAMES).as("the test's own list knows " + name).contains(name);
            for (ShellVariables.Use use : ShellVariables.Use.values()) {
                var plan = TestPlans.setup("s")
                        .node("n", "x", Target.WRAPPER)
                        .instance(instance(name, use, "1", env))
                        .build();
                Emission e = new WrapperEmitter().emit(plan, "n");
                assertThat(e.hasErrors()).as(name + " " + use).isTrue();
                assertThat(e.diagnostics().get(0).message()).contains("keep for themselves");
            }
        }
    }

    /** COLUMNS and LINES are kept for programs, but only with a plain decimal number. */
    @Test
    void decimalOnlyNamesTakeAPlainNumberAndNoList() {
        for (String name : ShellVariables.decimalOnlyNames()) {
            for (String ok : List.of("0", "80", "123456789")) {
                assertThat(ShellVariables.refusal(name, ShellVariables.Use.ENVIRONMENT, ok))
                        .isNull();
            }
            for (String bad : List.of("080", "0x50", "80 ", "1+1", "a[0]", "1234567890", "")) {
                assertThat(ShellVariables.refusal(name, ShellVariables.Use.SET_DEFAULT, bad))
                        .as(bad)
                        .contains("decimal");
            }
            assertThat(ShellVariables.refusal(name, ShellVariables.Use.PREFIX, null))
                    .contains("list");
            assertThat(ShellVariables.refusal(name, ShellVariables.Use.UNSET, null))
                    .isNull();
        }
    }

    private static org.modsvc.plan.Instance instance(String name, ShellVariables.Use use, String payload, Path env) {
        var setDefault = new TreeMap<String, Value>();
        var prefix = new TreeMap<String, WrapperPlan.PathList>();
        var suffix = new TreeMap<String, WrapperPlan.PathList>();
        var unset = new ArrayList<String>();
        var list = new WrapperPlan.PathList(":", List.of(Value.of(payload), Value.of("/x")));
        var b = TestPlans.instance("n", "w").argv(env.toString());
        switch (use) {
            case ENVIRONMENT -> b.env(name, payload);
            case SET_DEFAULT -> setDefault.put(name, Value.of(payload));
            case PREFIX -> prefix.put(name, list);
            case SUFFIX -> suffix.put(name, list);
            case UNSET -> unset.add(name);
        }
        return b.wrapper(new WrapperPlan(setDefault, unset, prefix, suffix, null, List.of()))
                .build();
    }

    private record Result(int status, Map<String, String> env, String err) {}

    private static Result run(Shell shell, Path script, Map<String, String> caller, Path dir) throws Exception {
        var command = new ArrayList<>(shell.command());
        command.add(script.toString());
        var pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(caller);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(shell.label() + " did not finish");
        }
        var vars = new LinkedHashMap<String, String>();
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) vars.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return new Result(p.exitValue(), vars, err);
    }
}
