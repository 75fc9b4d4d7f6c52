package org.modsvc.emit.wrapper;

import java.util.ArrayList;
import java.util.List;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Severity;
import org.modsvc.diag.Span;
import org.modsvc.model.Hardening;
import org.modsvc.model.ModuleKind;
import org.modsvc.model.NotificationProtocol;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Origins;
import org.modsvc.plan.Plan;
import org.modsvc.plan.Reload;

/** The W060 diagnostics for plan features a wrapper node cannot express. */
final class Capabilities {
    private Capabilities() {}

    static List<Diagnostic> of(Plan plan, String node) {
        return of(plan.index().onNode(node));
    }

    /** The diagnostics for one node's instances. */
    static List<Diagnostic> of(List<Instance> onNode) {
        var out = new ArrayList<Diagnostic>();
        for (Instance i : onNode) instance(i, out);
        out.sort(Diagnostic.ORDER);
        return List.copyOf(out);
    }

    private static void instance(Instance i, List<Diagnostic> out) {
        if (i.kind() == ModuleKind.SERVICE) {
            add(out, i, Severity.NOTE, "restart on exit", "modsvc.up stops the whole node when a service exits");
            if (i.reload() instanceof Reload.Signal s) {
                add(
                        out,
                        i,
                        i.at("process.reloadSignal"),
                        Severity.WARNING,
                        "reload (signal " + s.name() + ")",
                        "send SIG" + s.name() + " to the process yourself");
            } else if (i.reload() instanceof Reload.Command || i.reload() instanceof Reload.Line) {
                add(
                        out,
                        i,
                        i.at(Origins.reloadCommand(0)),
                        Severity.WARNING,
                        "reload (reloadCommand)",
                        "run the reload command yourself");
            }
            if (i.notificationProtocol() == NotificationProtocol.SYSTEMD) {
                add(
                        out,
                        i,
                        Severity.WARNING,
                        "readiness notification 'systemd' (sd_notify)",
                        "sh cannot receive sd_notify datagrams; modsvc.up starts the next service without"
                                + " waiting (the s6 protocol is supported)");
            }
        }
        if (i.hardening() == Hardening.STRICT) {
            add(out, i, Severity.WARNING, "hardening 'strict'", "the process runs with the caller's privileges");
        } else if (i.hardening() == Hardening.DEFAULT) {
            add(out, i, Severity.NOTE, "hardening 'default'", "the process runs with the caller's privileges");
        }
        if (!i.credentials().isEmpty()) {
            add(
                    out,
                    i,
                    Severity.WARNING,
                    "credentials isolation ("
                            + String.join(", ", i.credentials().keySet()) + ")",
                    "the secret files are read at their source paths, with the caller's permissions");
        }
        var keys = new ArrayList<String>();
        // An extra unit (sockets.<x> / services.<x>) → its first key, for the span.
        var extra = new java.util.TreeMap<String, String>();
        i.systemd().forEach((section, m) -> m.keySet().forEach(k -> {
            if (!section.startsWith("sockets.") && !section.startsWith("services.")) keys.add(section + "." + k);
            else extra.putIfAbsent(section.substring(0, section.lastIndexOf('.')), section + "." + k);
        }));
        extra.forEach((unit, first) -> {
            boolean socket = unit.startsWith("sockets.");
            add(
                    out,
                    i,
                    i.at("systemd." + first),
                    Severity.WARNING,
                    "systemd " + (socket ? "socket" : "service") + " unit '" + unit.substring(unit.indexOf('.') + 1)
                            + "'",
                    socket
                            ? "a wrapper starts the process itself; no socket is created or passed to it"
                            : "a wrapper runs only the process itself; the extra service is not run");
        });
        if (!keys.isEmpty()) {
            String first = keys.get(0);
            add(
                    out,
                    i,
                    i.at("systemd." + first),
                    Severity.WARNING,
                    "systemd passthrough keys (" + String.join(", ", keys) + ")",
                    "these keys are ignored on a wrapper node");
        }
    }

    private static void add(List<Diagnostic> out, Instance i, Severity severity, String feature, String hint) {
        add(out, i, i.span(), severity, feature, hint);
    }

    /** @param at the key or value that asks for the feature */
    private static void add(List<Diagnostic> out, Instance i, Span at, Severity severity, String feature, String hint) {
        out.add(new Diagnostic(
                Code.UNSUPPORTED_BY_TARGET,
                severity,
                i.id() + ": " + feature + " is not supported by the wrapper target",
                at,
                List.of(hint),
                List.of()));
    }
}
