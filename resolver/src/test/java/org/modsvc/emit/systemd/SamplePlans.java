package org.modsvc.emit.systemd;

import java.util.List;
import org.modsvc.model.Hardening;
import org.modsvc.model.ModuleKind;
import org.modsvc.model.NotificationProtocol;
import org.modsvc.model.Target;
import org.modsvc.plan.BindingKind;
import org.modsvc.plan.Part;
import org.modsvc.plan.Plan;
import org.modsvc.plan.Reload;
import org.modsvc.plan.TestPlans;
import org.modsvc.plan.Value;

/** Hand-made plans shared by the systemd tests. */
final class SamplePlans {
    private SamplePlans() {}

    /**
     * Node web1: an app server consuming its own postgres sub-service, a shared redis on the same
     * node and a database on db1; a static worker sub-service; a tool. Node db1: postgres.
     */
    static Plan shop() {
        return TestPlans.setup("shop")
                .node("web1", "10.0.0.11", Target.SYSTEMD)
                .node("db1", "10.0.0.12", Target.SYSTEMD)
                .instance(TestPlans.instance("db1", "postgresql")
                        .argv("/usr/bin/postgres", "-D", "/var/lib/postgresql", "-c", "listen_addresses=*")
                        .notify(NotificationProtocol.SYSTEMD)
                        .reload(new Reload.Signal("HUP"))
                        .port(5432)
                        .build())
                .instance(TestPlans.instance("web1", "redis")
                        .argv("/usr/bin/redis-server", "/etc/system-services/redis/redis.conf")
                        .config("redis.conf", "port 6379\nbind 127.0.0.1\n")
                        .port(6379)
                        .build())
                .instance(TestPlans.instance("web1", "app-db")
                        .module("postgresql")
                        .owner("web1/app")
                        .argv("/usr/bin/postgres", "-D", "/var/lib/app-db", "-k", "/run/app-db")
                        .notify(NotificationProtocol.SYSTEMD)
                        .build())
                .instance(TestPlans.instance("web1", "app-worker")
                        .module("app/worker")
                        .owner("web1/app")
                        .argv("/usr/bin/php", "/srv/app/worker.php")
                        .build())
                .instance(TestPlans.instance("web1", "app")
                        .module("webapp")
                        .argv("/usr/bin/php-fpm", "--nodaemonize", "--fpm-config", "/etc/system-services/app/fpm")
                        .argvValue(new Value(List.of(
                                new Part.Literal("--password-file="),
                                new Part.SecretFile("db-passwordFile", "/var/lib/secrets/db"))))
                        .env("DB_HOST", "10.0.0.12")
                        .envValue(
                                "DB_PASSWORD_FILE",
                                new Value(List.of(new Part.SecretFile("db-passwordFile", "/var/lib/secrets/db"))))
                        .env("GREETING", "50% off, $5 \"today\"")
                        .reload(new Reload.Command(List.of(Value.of("/usr/bin/php-fpm"), Value.of("--reload"))))
                        .config("fpm", "listen = 9000\n")
                        .credential("tls-key", "/var/lib/secrets/tls.key")
                        .port(9000)
                        .systemd("Service", "MemoryDenyWriteExecute", "no")
                        .build())
                .instance(TestPlans.instance("web1", "dbtool")
                        .kind(ModuleKind.TOOL)
                        .argv("/usr/bin/psql")
                        .build())
                .binding("web1/app", "db", "web1/app-db", "main", BindingKind.SUB_SERVICE)
                .binding("web1/app", "cache", "web1/redis", "main", BindingKind.LOCAL)
                .binding("web1/app", "reports", "db1/postgresql", "main", BindingKind.REMOTE)
                .build();
    }

    /** One instance on one node, for focused tests. */
    static Plan single(TestPlans.InstanceBuilder b) {
        return TestPlans.setup("one")
                .node("n1", "10.0.0.1", Target.SYSTEMD)
                .instance(b.build())
                .build();
    }

    static TestPlans.InstanceBuilder daemon(String name) {
        return TestPlans.instance("n1", name).argv("/usr/bin/" + name).hardening(Hardening.DEFAULT);
    }
}
