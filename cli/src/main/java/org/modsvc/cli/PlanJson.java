package org.modsvc.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Severity;
import org.modsvc.plan.Binding;
import org.modsvc.plan.ConfigFile;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Plan;
import org.modsvc.plan.PlanNode;
import org.modsvc.plan.Provided;
import org.modsvc.plan.Reload;
import org.modsvc.plan.RemoteDependency;
import org.modsvc.plan.Value;

/**
 * Streams a plan as JSON. Every object's keys are written in sorted order and every list is
 * already sorted in the plan, so the same setup gives byte-identical output. Secret values appear
 * only as the paths of the files that hold them.
 */
public final class PlanJson {
    private PlanJson() {}

    /** Writes the whole document; {@code diagnostics} are loading and resolving together, sorted. */
    public static void write(Plan plan, List<Diagnostic> diagnostics, JsonOut g) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("bindings");
        g.writeElements(plan.bindings(), PlanJson::binding);
        g.writeEndArray();
        diagnostics(diagnostics, g);
        g.writeNumberField("errors", count(diagnostics, Severity.ERROR));
        g.writeObjectFieldStart("failsWith");
        for (var e : plan.failsWith().entrySet()) strings(e.getKey(), e.getValue(), g);
        g.writeEndObject();
        g.writeArrayFieldStart("instances");
        g.writeElements(plan.instances(), PlanJson::instance);
        g.writeEndArray();
        g.writeObjectFieldStart("loses");
        for (var e : plan.loses().entrySet()) strings(e.getKey(), e.getValue(), g);
        g.writeEndObject();
        g.writeArrayFieldStart("nodes");
        for (PlanNode n : plan.nodes()) {
            g.writeStartObject();
            g.writeStringField("address", n.address());
            g.writeStringField("name", n.name());
            g.writeStringField("target", n.target().word());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("order");
        for (var e : plan.order().entrySet()) strings(e.getKey(), e.getValue(), g);
        g.writeEndObject();
        g.writeStringField("policy", plan.policy().word());
        g.writeArrayFieldStart("remote");
        for (RemoteDependency r : plan.remote()) {
            g.writeStartObject();
            g.writeStringField("address", r.address());
            g.writeStringField("consumer", r.consumer());
            g.writeStringField("provider", r.provider());
            g.writeStringField("providerNode", r.providerNode());
            g.writeStringField("requirement", r.requirement());
            g.writeNumberField("waitSeconds", r.waitSeconds());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("setup", plan.setup());
        g.writeBooleanField("valid", count(diagnostics, Severity.ERROR) == 0);
        g.writeNumberField("warnings", count(diagnostics, Severity.WARNING));
        g.writeEndObject();
    }

    private static long count(List<Diagnostic> ds, Severity s) {
        return ds.stream().filter(d -> d.severity() == s).count();
    }

    private static void binding(Binding b, JsonOut g) throws IOException {
        g.writeStartObject();
        g.writeStringField("consumer", b.consumer());
        g.writeStringField("contract", b.contract());
        g.writeBooleanField("explicit", b.explicit());
        g.writeStringField("kind", b.kind().word());
        g.writeStringField("provider", b.provider());
        g.writeStringField("provision", b.provision());
        stringMap("request", b.request(), g);
        g.writeStringField("requirement", b.requirement());
        stringMap("result", b.result(), g);
        g.writeEndObject();
    }

    private static void instance(Instance i, JsonOut g) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("argv");
        for (Value v : i.argv()) g.writeString(v.plain());
        g.writeEndArray();
        g.writeArrayFieldStart("configData");
        for (ConfigFile c : i.configData()) {
            g.writeStartObject();
            g.writeStringField("name", c.name());
            g.writeStringField("path", c.path());
            g.writeStringField("text", c.text().plain());
            g.writeEndObject();
        }
        g.writeEndArray();
        stringMap("credentials", i.credentials(), g);
        g.writeObjectFieldStart("environment");
        for (var e : i.environment().entrySet())
            g.writeStringField(e.getKey(), e.getValue().plain());
        g.writeEndObject();
        g.writeStringField("id", i.id());
        g.writeStringField("kind", i.kind().word());
        lifecycle(i.lifecycle(), g);
        g.writeStringField("module", i.module());
        g.writeStringField("name", i.name());
        g.writeStringField("node", i.node());
        g.writeStringField("notify", i.notificationProtocol().word());
        if (i.owner() == null) g.writeNullField("owner");
        else g.writeStringField("owner", i.owner());
        g.writeArrayFieldStart("packages");
        for (String p : i.packages()) g.writeString(p);
        g.writeEndArray();
        g.writeArrayFieldStart("ports");
        for (int p : i.ports()) g.writeNumber(p);
        g.writeEndArray();
        g.writeArrayFieldStart("provides");
        for (Provided p : i.provides()) provided(p, g);
        g.writeEndArray();
        reload(i.reload(), g);
        g.writeStringField("runtimeDir", i.runtimeDir());
        g.writeStringField("stateDir", i.stateDir());
        g.writeEndObject();
    }

    private static void lifecycle(org.modsvc.plan.Lifecycle l, JsonOut g) throws IOException {
        g.writeObjectFieldStart("lifecycle");
        g.writeArrayFieldStart("fulfil");
        for (var f : l.fulfil()) {
            g.writeStartObject();
            g.writeArrayFieldStart("argv");
            for (Value v : f.argv()) g.writeString(v.plain());
            g.writeEndArray();
            g.writeStringField("consumer", f.consumer());
            g.writeStringField("provision", f.provision());
            g.writeStringField("requirement", f.requirement());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("init");
        for (Value v : l.init()) g.writeString(v.plain());
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void provided(Provided p, JsonOut g) throws IOException {
        g.writeStartObject();
        if (p.capacity() == null) g.writeNullField("capacity");
        else g.writeNumberField("capacity", p.capacity());
        g.writeArrayFieldStart("consumers");
        for (Provided.Consumer c : p.consumers()) {
            g.writeStartObject();
            g.writeStringField("instance", c.instance());
            stringMap("request", c.request(), g);
            g.writeStringField("requirement", c.requirement());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("contract", p.contract());
        g.writeStringField("name", p.name());
        stringMap("result", p.result(), g);
        if (p.version() == null) g.writeNullField("version");
        else g.writeStringField("version", p.version());
        g.writeEndObject();
    }

    private static void reload(Reload r, JsonOut g) throws IOException {
        if (r == null) {
            g.writeNullField("reload");
        } else if (r instanceof Reload.Signal s) {
            g.writeObjectFieldStart("reload");
            g.writeStringField("signal", s.name());
            g.writeEndObject();
        } else if (r instanceof Reload.Command c) {
            g.writeObjectFieldStart("reload");
            g.writeArrayFieldStart("command");
            for (Value v : c.argv()) g.writeString(v.plain());
            g.writeEndArray();
            g.writeEndObject();
        } else if (r instanceof Reload.Line l) {
            g.writeObjectFieldStart("reload");
            g.writeStringField("commandLine", l.line().plain());
            g.writeEndObject();
        }
    }

    private static void strings(String field, List<String> values, JsonOut g) throws IOException {
        g.writeArrayFieldStart(field);
        for (String s : values) g.writeString(s);
        g.writeEndArray();
    }

    private static void stringMap(String field, Map<String, String> m, JsonOut g) throws IOException {
        g.writeObjectFieldStart(field);
        for (var e : m.entrySet()) g.writeStringField(e.getKey(), e.getValue());
        g.writeEndObject();
    }

    /** Diagnostics with sorted keys (code, column, file, hints, line, message, related, severity). */
    static void diagnostics(List<Diagnostic> ds, JsonOut g) throws IOException {
        diagnostics("diagnostics", ds, g);
    }

    /** As {@link #diagnostics(List, JsonOut)}, for a Jackson generator. */
    static void diagnostics(List<Diagnostic> ds, JsonGenerator g) throws IOException {
        diagnostics("diagnostics", ds, JsonOut.of(g));
    }

    /** As {@link #diagnostics(String, List, JsonOut)}, for a Jackson generator. */
    static void diagnostics(String field, List<Diagnostic> ds, JsonGenerator g) throws IOException {
        diagnostics(field, ds, JsonOut.of(g));
    }

    /** The diagnostics as an array under {@code field}. */
    static void diagnostics(String field, List<Diagnostic> ds, JsonOut g) throws IOException {
        g.writeArrayFieldStart(field);
        for (Diagnostic d : ds) {
            g.writeStartObject();
            g.writeStringField("code", d.code().id());
            g.writeNumberField("column", d.span().column());
            g.writeStringField("file", d.span().file());
            g.writeArrayFieldStart("hints");
            for (String h : d.hints()) g.writeString(h);
            g.writeEndArray();
            g.writeNumberField("line", d.span().line());
            g.writeStringField("message", d.message());
            g.writeArrayFieldStart("related");
            for (Diagnostic.Related r : d.related()) {
                g.writeStartObject();
                g.writeNumberField("column", r.span().column());
                g.writeStringField("file", r.span().file());
                g.writeStringField("label", r.label());
                g.writeNumberField("line", r.span().line());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("severity", d.severity().label());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
