package org.modsvc.emit.systemd;

import java.util.Map;
import java.util.regex.Pattern;
import org.modsvc.emit.OutputFile;
import org.modsvc.plan.ConfigFile;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Part;

/**
 * An instance's config data as files of the node's tree: each path checked to be a safe absolute
 * path, each secret written as the path of its credential in the unit's credentials directory
 * (and added to the unit's {@code LoadCredential=} lines).
 */
final class ConfigFiles {
    private static final String CREDENTIALS_DIR = "/run/credentials/";
    private static final Pattern PATH_SEGMENT = Pattern.compile("[A-Za-z0-9_@+=:,-][A-Za-z0-9_@+=:.,-]*");

    private ConfigFiles() {}

    /** Config data files by install path, with secrets as paths in the credentials directory. */
    static void prepare(InstanceUnit unit, Instance inst, String unitName, Map<String, OutputFile> config) {
        for (ConfigFile c : inst.configData()) {
            String path = c.path();
            boolean safe = path.startsWith("/");
            if (safe) {
                for (String seg : path.substring(1).split("/", -1)) {
                    if (seg.equals("..") || !PATH_SEGMENT.matcher(seg).matches()) safe = false;
                }
            }
            if (!safe) {
                unit.error(
                        inst.at("configData." + c.name()),
                        "configData." + c.name() + ": the path '" + UnitSyntax.printable(path)
                                + "' is not a safe absolute path");
                continue;
            }
            var text = new StringBuilder();
            for (Part p : c.text().parts()) {
                if (p instanceof Part.Literal l) text.append(l.text());
                else if (p instanceof Part.SecretFile s) {
                    unit.addCredential(s);
                    text.append(CREDENTIALS_DIR).append(unitName).append('/').append(s.credential());
                }
            }
            config.put(path, OutputFile.text(text.toString(), false));
        }
    }
}
