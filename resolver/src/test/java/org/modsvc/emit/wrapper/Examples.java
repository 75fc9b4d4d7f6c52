package org.modsvc.emit.wrapper;

import java.util.List;
import java.util.TreeMap;
import org.modsvc.model.ModuleKind;
import org.modsvc.model.NotificationProtocol;
import org.modsvc.model.Target;
import org.modsvc.plan.Part;
import org.modsvc.plan.Plan;
import org.modsvc.plan.Reload;
import org.modsvc.plan.TestPlans;
import org.modsvc.plan.Value;
import org.modsvc.plan.WrapperPlan;

/** Hand-made plans shared by the wrapper tests. */
final class Examples {
    private Examples() {}

    static WrapperPlan wrapper(
            TreeMap<String, Value> setDefault,
            List<String> unset,
            TreeMap<String, WrapperPlan.PathList> prefix,
            TreeMap<String, WrapperPlan.PathList> suffix,
            Value chdir,
            List<Value> argsAfter) {
        return new WrapperPlan(setDefault, unset, prefix, suffix, chdir, argsAfter);
    }

    /** The example of docs/wrapper-target.md: a web app with config data, a secret, and makeWrapper-style settings. */
    static Plan shop() {
        var setDefault = new TreeMap<String, Value>();
        setDefault.put("LANG", Value.of("C.UTF-8"));
        var prefix = new TreeMap<String, WrapperPlan.PathList>();
        prefix.put("PATH", new WrapperPlan.PathList(":", List.of(Value.of("/opt/shop/bin"))));
        var app = TestPlans.instance("laptop", "shop")
                .argv("/opt/shop/bin/shop", "--config", "/etc/system-services/shop/settings", "--greeting")
                .argvValue(Value.of("it's $HOME, `not` expanded"))
                .envValue(
                        "DB_PASSWORD_FILE",
                        new Value(List.of(new Part.SecretFile("db-passwordFile", "/var/lib/secrets/shop-db"))))
                .env("DB_HOST", "127.0.0.1")
                .config("settings", "listen = 8080\n")
                .notify(NotificationProtocol.S6)
                .reload(new Reload.Signal("HUP"))
                .credential("db-passwordFile", "/var/lib/secrets/shop-db")
                .wrapper(wrapper(
                        setDefault, List.of("PYTHONPATH"), prefix, new TreeMap<>(), Value.of("/srv/shop"), List.of()))
                .build();
        var db = TestPlans.instance("laptop", "shop-db")
                .owner("laptop/shop")
                .module("postgresql")
                .argv("/usr/bin/postgres", "-D", "/var/lib/postgresql")
                .build();
        var tool = TestPlans.instance("laptop", "shop-admin")
                .kind(ModuleKind.TOOL)
                .argv("/opt/shop/bin/shop-admin", "--config", "/etc/system-services/shop-admin/admin.ini")
                .env("SHOP_URL", "http://127.0.0.1:8080")
                .config("admin.ini", "url = http://127.0.0.1:8080\n")
                .wrapper(wrapper(
                        new TreeMap<>(),
                        List.of(),
                        new TreeMap<>(),
                        new TreeMap<>(),
                        null,
                        List.of(Value.of("--no-color"))))
                .build();
        return TestPlans.setup("shop")
                .node("laptop", "127.0.0.1", Target.WRAPPER)
                .instance(db)
                .instance(app)
                .instance(tool)
                .build();
    }
}
