package org.modsvc.load;

import java.util.ArrayList;
import java.util.List;
import org.modsvc.diag.Code;
import org.modsvc.model.Lifecycle;
import org.modsvc.model.NotificationProtocol;
import org.modsvc.model.Scalar;
import org.modsvc.source.SrcMap;
import org.modsvc.source.SrcNode;

/**
 * The parts of a module that keep its contracts and say what it needs, read for {@link
 * ModuleReader}: lifecycle steps, the command lines of fulfil steps, config file names and Debian
 * packages.
 */
final class ModuleParts {
    private final Shape shape;
    private final ConfigSources sources;

    ModuleParts(Shape shape, ConfigSources sources) {
        this.shape = shape;
        this.sources = sources;
    }
    /** The text of a configData entry: {@code text}, or the file {@code source} names; null when refused. */
    Scalar configText(SrcMap cm, String what) {
        Scalar source = shape.optional(cm, "source", what);
        if (source == null) return shape.required(cm, "text", what);
        if (cm.get("text") != null) {
            shape.diags()
                    .add(
                            Code.BAD_VALUE,
                            cm.entry("source").key().span(),
                            what + " has both text and source",
                            "keep one of them");
            return null;
        }
        return sources.read(source, what + ".source", shape.diags());
    }

    /**
     * A config file name ({@code configData.N.name}): relative, segments of letters, digits and
     * {@code _ . + -} that start with a letter, digit or {@code _}, so no segment is {@code .} or
     * {@code ..} and nothing leaves the instance's config directory. Null when absent or refused.
     */
    Scalar configFileName(Scalar s) {
        if (s == null) return null;
        String t = s.text();
        boolean ok = !t.isEmpty() && t.length() <= 200;
        for (String seg : t.split("/", -1)) ok &= seg.matches("[A-Za-z0-9_][A-Za-z0-9_.+-]*");
        if (ok) return s;
        shape.diags()
                .add(
                        Code.BAD_VALUE,
                        s.span(),
                        "'" + Shape.printable(t) + "' is not a config file name",
                        "a relative path such as app.py or ssl/cert.pem: letters, digits and _ . + -, each part starting"
                                + " with a letter, digit or _");
        return null;
    }

    /**
     * {@code notificationProtocol}: one word ({@code none}, {@code systemd}, {@code s6}), or
     * nixpkgs' set of booleans {@code { systemd, s6 }} (a daemon may speak both; sd_notify is then
     * used, as every target here can wait for it). Never null.
     */
    NotificationProtocol notificationProtocol(SrcNode n) {
        if (n == null) return NotificationProtocol.NONE;
        if (!(n instanceof SrcMap)) {
            NotificationProtocol np = shape.word(
                    n, "notificationProtocol", NotificationProtocol::parse, List.of("none", "systemd", "s6"));
            return np == null ? NotificationProtocol.NONE : np;
        }
        SrcMap m = shape.map(n, "notificationProtocol", Keys.NOTIFICATION_PROTOCOL);
        if (m == null) return NotificationProtocol.NONE;
        boolean systemd = m.get("systemd") != null
                && Boolean.TRUE.equals(shape.bool(m.get("systemd"), "notificationProtocol.systemd"));
        boolean s6 = m.get("s6") != null && Boolean.TRUE.equals(shape.bool(m.get("s6"), "notificationProtocol.s6"));
        if (systemd) return NotificationProtocol.SYSTEMD;
        return s6 ? NotificationProtocol.S6 : NotificationProtocol.NONE;
    }

    /**
     * The string form of {@code process.reloadCommand}: a command line in systemd syntax (nixpkgs'
     * form, {@code "/bin/kill -HUP $MAINPID"}). Its first word, after systemd's prefixes {@code -@:+!},
     * must be an absolute path or a reference; one line. Null when refused (diagnosed) or absent.
     */
    Scalar reloadLine(Scalar s) {
        if (s == null) return null;
        String t = s.text();
        String word = t.stripLeading().replaceFirst("^[-@:+!]+", "");
        String why = null;
        if (t.isBlank()) why = "process.reloadCommand is empty";
        else if (t.indexOf('\n') >= 0 || t.indexOf('\r') >= 0) why = "process.reloadCommand is one line";
        else if (!word.startsWith("/") && !word.startsWith("${") && !word.startsWith("\"/"))
            why = "process.reloadCommand '" + Shape.printable(t) + "' does not start with an absolute path";
        if (why == null) return s;
        shape.diags()
                .add(
                        Code.EMPTY_ARGV,
                        s.span(),
                        why,
                        "a command line in systemd syntax, such as \"/bin/kill -HUP $MAINPID\"",
                        "or the list form [/absolute/path, arguments…], exec'ed as is");
        return null;
    }

    Lifecycle lifecycle(SrcNode n) {
        if (n == null) return Lifecycle.NONE;
        SrcMap m = shape.map(n, "lifecycle", Keys.LIFECYCLE);
        if (m == null) return Lifecycle.NONE;
        return new Lifecycle(command(m.get("init"), "lifecycle.init"), m.span());
    }

    /**
     * A command line other than {@code process.argv}: exec'ed as is, so its first word must be an
     * absolute path (or a reference that gives one).
     */
    List<Scalar> command(SrcNode n, String what) {
        List<Scalar> argv = shape.strings(n, what);
        if (n instanceof org.modsvc.source.SrcList && argv.isEmpty()) {
            shape.diags()
                    .add(
                            Code.EMPTY_ARGV,
                            n.span(),
                            what + " is empty",
                            "give the command line: [/absolute/path/to/program, arguments…], or remove the key");
        } else if (!argv.isEmpty()) {
            String first = argv.get(0).text();
            if (!first.startsWith("/") && !first.startsWith("${")) {
                shape.diags()
                        .add(
                                Code.EMPTY_ARGV,
                                argv.get(0).span(),
                                what + "[0] '" + Shape.printable(first) + "' is not an absolute path",
                                "write the full path, such as /bin/sh",
                                "the command is exec'ed as is, without a shell or PATH search");
            }
        }
        return argv;
    }

    /**
     * A provision's {@code status: { fulfilled: false, reason: … }}: the reason its promise is not
     * kept where modsvc runs it, or null when it is ({@code fulfilled: true}, or no status). A
     * provision that is not fulfilled must say why.
     */
    Scalar unkept(SrcNode n, String what) {
        if (n == null) return null;
        SrcMap m = shape.map(n, what, Keys.STATUS);
        if (m == null) return null;
        if (m.get("fulfilled") == null) {
            shape.diags().add(Code.MISSING_FIELD, m.span(), what + " has no 'fulfilled'", "add 'fulfilled: false'");
            return null;
        }
        Boolean fulfilled = shape.bool(m.get("fulfilled"), what + ".fulfilled");
        Scalar reason = shape.optional(m, "reason", what);
        if (fulfilled == null || fulfilled) return null;
        if (reason == null || reason.text().isBlank()) {
            shape.diags()
                    .add(
                            Code.MISSING_FIELD,
                            m.span(),
                            what + " says fulfilled: false without a 'reason'",
                            "add reason: \"…\", which validate and plan show to everyone bound to it");
            return null;
        }
        return reason;
    }

    /** Debian package names: lower-case letters, digits and {@code + - .}, starting alphanumeric. */
    List<Scalar> packages(SrcNode n) {
        var out = new ArrayList<Scalar>();
        for (Scalar s : shape.strings(n, "packages")) {
            if (s.text().matches("[a-z0-9][a-z0-9+.-]{0,99}")) {
                out.add(s);
            } else {
                shape.diags()
                        .add(
                                Code.BAD_VALUE,
                                s.span(),
                                "'" + Shape.printable(s.text()) + "' is not a Debian package name",
                                "package names use lower-case letters, digits and + - . (such as postgresql-15)");
            }
        }
        return out;
    }
}
