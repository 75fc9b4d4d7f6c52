package org.modsvc.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.modsvc.progress.Progress;

/**
 * The one line of progress a long run shows on a terminal's stderr: the phase, its count and the
 * time so far, redrawn four times a second. Small runs pay nothing for it: until {@code delay} has
 * passed no thread exists and nothing is printed; the phase and count calls only store and add,
 * and check the clock to start the drawing thread (a daemon, so it never holds up the exit).
 *
 * <p>The line is erased ({@link #hide}) before the command prints anything, so what a command
 * prints is the same, byte for byte, with or without it; it is drawn again at the next phase. It
 * is erased with spaces and carriage returns only, no escape sequences, and the phase name is
 * bold only when colour is allowed.
 */
final class TerminalProgress implements Progress, AutoCloseable {
    /** How long a run goes before its progress is shown, by default: about 1.5 s after start. */
    static final long DEFAULT_DELAY_MS = 1000;

    private static final long REDRAW_MS = 250;

    private final PrintStream err;
    private final boolean colour;
    private final long showAt;
    private final long started = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private volatile Phase phase;
    private volatile long total = -1;
    private volatile long phaseStarted = started;
    private volatile boolean drawing;
    // Guarded by this: whether the line is hidden until the next phase, the characters on it, closed.
    private boolean hidden;
    private int shown;
    private boolean closed;
    private Thread thread;

    TerminalProgress(PrintStream err, boolean colour, long delayMs) {
        this.err = err;
        this.colour = colour;
        this.showAt = started + delayMs * 1_000_000L;
    }

    /**
     * The progress for a command run in {@code ctx}, or null when none is shown: stderr is not a
     * terminal, {@code --quiet} was given, {@code TERM=dumb} (which cannot redraw a line), or
     * {@code MODSVC_PROGRESS=never}. {@code MODSVC_PROGRESS=always} shows it on any stderr (for
     * tests and recordings); {@code MODSVC_PROGRESS_DELAY_MS} sets the delay.
     */
    static TerminalProgress forContext(Context ctx, boolean quiet) {
        Map<String, String> env = ctx.env();
        String mode = env.getOrDefault("MODSVC_PROGRESS", "auto");
        if (quiet || mode.equals("never")) return null;
        boolean shown = mode.equals("always") || (ctx.terminal() && !"dumb".equals(env.get("TERM")));
        if (!shown) return null;
        long delay = DEFAULT_DELAY_MS;
        try {
            String d = env.get("MODSVC_PROGRESS_DELAY_MS");
            if (d != null) delay = Math.max(0, Long.parseLong(d.trim()));
        } catch (NumberFormatException ignored) {
            // A malformed delay keeps the default: progress is never worth an error.
        }
        return new TerminalProgress(ctx.err(), ctx.colour(), delay);
    }

    @Override
    public void phase(Phase phase, long total) {
        this.total = total;
        done.set(0);
        phaseStarted = System.nanoTime();
        this.phase = phase;
        synchronized (this) {
            hidden = false;
        }
        // Once the delay is past, a new phase is drawn at once rather than at the next redraw, so
        // that even a short phase of a long run is seen.
        if (!drawing) maybeStart();
        if (drawing) draw();
    }

    @Override
    public void advance(long n) {
        done.addAndGet(n);
        if (!drawing) maybeStart();
    }

    /** Erases the line (if one is shown) and draws nothing more until the next phase begins. */
    synchronized void hide() {
        erase();
        hidden = true;
    }

    /** Erases the line and stops drawing for good. */
    @Override
    public synchronized void close() {
        erase();
        closed = true;
        if (thread != null) thread.interrupt();
    }

    private void maybeStart() {
        if (System.nanoTime() - showAt < 0) return;
        synchronized (this) {
            if (drawing || closed) return;
            drawing = true;
            thread = new Thread(this::loop, "modsvc-progress");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void loop() {
        try {
            while (draw()) Thread.sleep(REDRAW_MS);
        } catch (InterruptedException stop) {
            // close() ends the loop.
        }
    }

    /** Draws the line once; false when closed. */
    private synchronized boolean draw() {
        if (closed) return false;
        Phase p = phase;
        if (hidden || p == null) return true;
        String line = line(p, done.get(), total, System.nanoTime() - phaseStarted);
        var b = new StringBuilder(line.length() + 16).append('\r');
        if (colour)
            b.append("\u001b[1m")
                    .append(p.label())
                    .append("\u001b[0m")
                    .append(line, p.label().length(), line.length());
        else b.append(line);
        for (int i = line.length(); i < shown; i++) b.append(' ');
        err.print(b);
        err.flush();
        shown = line.length();
        return true;
    }

    private void erase() {
        if (shown == 0) return;
        var b = new StringBuilder(shown + 2).append('\r');
        for (int i = 0; i < shown; i++) b.append(' ');
        err.print(b.append('\r'));
        err.flush();
        shown = 0;
    }

    /** "reading setup: 53210 of 100001 files, 2.4 s" (without colour, which draw adds). */
    static String line(Phase p, long done, long total, long nanos) {
        var b = new StringBuilder(64).append(p.label());
        if (!p.unit().isEmpty() && (done > 0 || total >= 0)) {
            b.append(": ").append(done);
            if (total >= 0) b.append(" of ").append(total);
            b.append(' ').append(p.unit());
        }
        long tenths = nanos / 100_000_000L;
        b.append(", ").append(tenths / 10).append('.').append(tenths % 10).append(" s");
        return b.toString();
    }
}
