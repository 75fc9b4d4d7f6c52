package org.modsvc.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.modsvc.catalogue.Catalogue;

/**
 * What every command needs from its surroundings, passed in so that tests run commands in-process
 * and read what they printed. No command touches System.out, System.err or System.getenv directly.
 *
 * @param env the environment (for NO_COLOR), never null
 * @param terminal whether stderr is a terminal (colour is used only then)
 * @param cwd the directory relative paths are resolved against
 * @param catalogue the shipped catalogue, loaded on first use
 */
public record Context(
        PrintStream out,
        PrintStream err,
        Map<String, String> env,
        boolean terminal,
        Path cwd,
        Supplier<Catalogue> catalogue) {

    /** Colour only on a terminal and never with NO_COLOR set (https://no-color.org). */
    public boolean colour() {
        return terminal && !env.containsKey("NO_COLOR") && !"dumb".equals(env.get("TERM"));
    }
}
