package org.modsvc.boot;

import java.util.List;
import org.modsvc.emit.Emission;
import org.modsvc.emit.OutputFile;
import org.modsvc.emit.wrapper.WrapperEmitter;
import org.modsvc.model.ModuleKind;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Plan;
import org.modsvc.plan.Value;

/**
 * The wrapper target's probe: the consumer's own exec wrapper (environment, wrapper settings,
 * working directory), rendered by the wrapper emitter from a copy of the plan in which the
 * consumer's command line is the probe.
 */
final class ProbeWrappers {
    private ProbeWrappers() {}

    /** The script, or null when the emitter could not render the consumer's wrapper. */
    static OutputFile render(Plan plan, Instance consumer, List<Value> probe, String root) {
        Plan copy = ProbeInstance.planWith(plan, consumer, probe, ModuleKind.TOOL);
        Emission e = new WrapperEmitter(root).emit(copy.index(), consumer.node());
        return e.files().get(consumer.node() + "/bin/" + consumer.name());
    }
}
