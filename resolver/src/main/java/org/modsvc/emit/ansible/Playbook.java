package org.modsvc.emit.ansible;

import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import org.modsvc.emit.diff.TreeDiff;

/**
 * The text of the playbook's files. Every value that comes from the plan is written as a YAML
 * double-quoted scalar tagged {@code !unsafe}, so that Ansible never evaluates a {@code {{ … }}}
 * it may contain; the rest is fixed text. The role does, per node: install the packages, copy the
 * tree to {@code /}, copy the node's cross-node secrets from the controller (mode 0600), reload
 * systemd when a unit changed, and start the node's target. Each step is a module that compares
 * before it acts, so a second run changes nothing.
 *
 * @param setup the setup's name
 * @param target the node target unit ({@code modsvc-<setup>.target})
 * @param hosts every node, in the plan's order
 * @param steps node names per play, in start order
 */
record Playbook(String setup, String target, List<Host> hosts, List<List<String>> steps) {
    /**
     * @param address a host (checked by {@link Hosts})
     * @param packages Debian packages of the node's modules
     * @param secrets absolute paths of the node's cross-node secret files
     * @param stamps the node's stamps ({@link TreeDiff#stamps}): which unit to act on, and how,
     *     when one changes
     * @param provision the re-provision unit of each service unit that has fulfil steps
     */
    record Host(
            String name,
            String address,
            SortedSet<String> packages,
            SortedSet<String> secrets,
            List<TreeDiff.Stamp> stamps,
            SortedMap<String, String> provision) {}

    /** The group of the setup's hosts: Ansible group names take no '-'. */
    String group() {
        return "modsvc_" + setup.replaceAll("[^A-Za-z0-9_]", "_");
    }

    /** File name (relative to the playbook directory) → text. */
    SortedMap<String, String> files() {
        var out = new TreeMap<String, String>();
        out.put("inventory.yaml", inventory());
        out.put("site.yml", site());
        out.put("roles/modsvc/defaults/main.yml", DEFAULTS);
        out.put("roles/modsvc/tasks/main.yml", TASKS);
        out.put("roles/modsvc/handlers/main.yml", HANDLERS);
        return out;
    }

    private String inventory() {
        var b = new StringBuilder("---\n");
        b.append("# The nodes of modsvc setup ").append(setup).append(" (written by modsvc emit --deploy ansible).\n");
        b.append("all:\n  children:\n    ").append(group()).append(":\n");
        b.append("      vars:\n");
        b.append("        modsvc_setup: ").append(plain(setup)).append('\n');
        b.append("        modsvc_target: ").append(plain(target)).append('\n');
        b.append("      hosts:\n");
        for (Host h : hosts) {
            b.append("        ").append(h.name()).append(":\n");
            b.append("          ansible_host: ").append(plain(h.address())).append('\n');
            list(b, "modsvc_packages", h.packages());
            list(b, "modsvc_secrets", h.secrets());
            stamps(b, h);
        }
        return b.toString();
    }

    private static void list(StringBuilder b, String name, SortedSet<String> values) {
        b.append("          ").append(name).append(':');
        if (values.isEmpty()) {
            b.append(" []\n");
            return;
        }
        b.append('\n');
        for (String v : values) b.append("            - ").append(quoted(v)).append('\n');
    }

    /**
     * The node's stamps: the stamp's name and value (the node keeps those of the last run), the
     * service unit it belongs to ({@code unit}: the role acts only on units that run), what a
     * change of it asks for ({@code action}, as {@code modsvc diff} prints it) and the unit that
     * action starts ({@code run}: the unit itself, or its re-provision oneshot).
     */
    private static void stamps(StringBuilder b, Host h) {
        b.append("          modsvc_stamps:");
        if (h.stamps().isEmpty()) {
            b.append(" []\n");
            return;
        }
        b.append('\n');
        for (TreeDiff.Stamp s : h.stamps()) {
            String run =
                    s.action() == TreeDiff.Action.REPROVISION ? h.provision().get(s.unit()) : s.unit();
            b.append("            - stamp: ")
                    .append(plain(s.name() + " " + s.value()))
                    .append('\n');
            b.append("              unit: ").append(plain(s.unit())).append('\n');
            b.append("              action: ").append(plain(s.action().word())).append('\n');
            b.append("              run: ").append(plain(run)).append('\n');
        }
    }

    private String site() {
        var b = new StringBuilder("---\n");
        b.append("# Deploys modsvc setup ").append(setup).append(" (written by modsvc emit --deploy ansible).\n");
        b.append("# Nodes that provide to other nodes come first; see docs/deploy-ansible.md.\n");
        for (int i = 0; i < steps.size(); i++) {
            b.append("- name: ")
                    .append(plain("Deploy " + setup + ", step " + (i + 1) + " of " + steps.size() + ": "
                            + String.join(", ", steps.get(i))))
                    .append('\n');
            b.append("  hosts: ").append(plain(String.join(":", steps.get(i)))).append('\n');
            b.append("  become: true\n");
            b.append("  gather_facts: false\n");
            b.append("  roles:\n    - role: modsvc\n");
        }
        return b.toString();
    }

    /** A YAML double-quoted scalar that Ansible takes as text, never as a template. */
    static String quoted(String s) {
        return "!unsafe " + plain(s);
    }

    /**
     * A YAML double-quoted scalar, for names modsvc has checked (node, setup and unit names, hosts):
     * they hold no braces, so Ansible's templating leaves them as they are.
     */
    static String plain(String s) {
        var b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029 || c == 0xfeff)
                        b.append(String.format("\\u%04x", c));
                    else b.appendCodePoint(c);
                }
            }
        });
        return b.append('"').toString();
    }

    private static final String DEFAULTS =
            """
            ---
            # Where the controller finds each node's tree: beside the playbook, as emit wrote them.
            modsvc_trees: "{{ playbook_dir }}/../.."
            # Where the controller keeps the cross-node secrets, in the layout of
            # `modsvc secrets SETUP --out DIR` (DIR/<node>/<path>); never in the trees.
            modsvc_secrets_dir: "{{ lookup('ansible.builtin.env', 'HOME') }}/.local/share/modsvc/secrets/{{ modsvc_setup }}"
            # Where each node keeps the stamps of what was deployed (see modsvc diff).
            modsvc_stamp_dir: "/var/lib/modsvc-deploy/{{ modsvc_setup }}"
            modsvc_packages: []
            modsvc_secrets: []
            modsvc_stamps: []
            """;

    private static final String TASKS =
            """
            ---
            - name: Install the Debian packages of the node's modules
              ansible.builtin.apt:
                name: "{{ modsvc_packages }}"
                state: present
              when: modsvc_packages | length > 0

            - name: Copy the node's tree
              ansible.builtin.copy:
                src: "{{ modsvc_trees }}/{{ inventory_hostname }}/"
                dest: /
                mode: preserve
              notify: Reload systemd

            # A provider with fulfil steps gets a oneshot that runs them again while it runs: the
            # re-provision of modsvc diff, for a new requester, without a restart.
            - name: Copy the node's re-provision units
              ansible.builtin.copy:
                src: "{{ playbook_dir }}/provision/{{ inventory_hostname }}/"
                dest: /etc/systemd/system/
                mode: preserve
              when: modsvc_stamps | selectattr('action', 'eq', 're-provision') | list | length > 0
              notify: Reload systemd

            - name: Check that the controller has the node's cross-node secrets
              ansible.builtin.stat:
                path: "{{ modsvc_secrets_dir }}/{{ inventory_hostname }}{{ item }}"
              loop: "{{ modsvc_secrets }}"
              delegate_to: localhost
              become: false
              register: modsvc_secret_files

            - name: Stop when a secret is missing (run modsvc secrets first)
              ansible.builtin.assert:
                that: item.stat.exists
                fail_msg: "{{ item.item }}: no {{ modsvc_secrets_dir }}/{{ inventory_hostname }}{{ item.item }}"
                quiet: true
              loop: "{{ modsvc_secret_files.results }}"
              loop_control:
                label: "{{ item.item }}"

            # The node's part of the controller's secret directory is a tree like the node's own:
            # copied whole, the directories it needs are made, and the files keep their 0600.
            # No owner is set: systemd gives a state directory to its dynamic user at the start,
            # and a second run must not take it back (a secret new to a running provider gets
            # its directory's owner from a handler).
            - name: Deliver the cross-node secrets from the controller
              ansible.builtin.copy:
                src: "{{ modsvc_secrets_dir }}/{{ inventory_hostname }}/"
                dest: /
                mode: preserve
              when: modsvc_secrets | length > 0
              diff: false
              notify: Own the delivered secrets

            - name: Reload systemd and own the secrets before a unit restarts or starts
              ansible.builtin.meta: flush_handlers

            # The stamps say what each unit's files need when they change (restart, reload, one per
            # fulfil step), made by the code of modsvc diff; the node keeps those last applied.
            - name: Make the directory of the stamps
              ansible.builtin.file:
                path: "{{ modsvc_stamp_dir }}"
                state: directory
                mode: "0700"

            - name: Read the stamps of the last run
              ansible.builtin.slurp:
                src: "{{ modsvc_stamp_dir }}/stamps.json"
              register: modsvc_last
              failed_when: false

            - name: Find the stamps that changed
              ansible.builtin.set_fact:
                modsvc_changed: >-
                  {{ modsvc_stamps | rejectattr('stamp', 'in',
                     (modsvc_last.content | default('W10=')) | b64decode | from_json) | list }}

            - name: Ask systemd which units run
              ansible.builtin.service_facts:
              when: modsvc_changed | length > 0

            # A unit that does not run is started below with its files as they are now.
            - name: Choose the running units whose stamps changed
              ansible.builtin.set_fact:
                modsvc_act: >-
                  {{ modsvc_changed | selectattr('unit', 'in', ansible_facts.services | default({})
                     | dict2items | selectattr('value.state', 'eq', 'running') | map(attribute='key') | list)
                     | list }}

            # A restart reads the new config data and runs every fulfil step: it covers the rest.
            - name: Choose what to restart
              ansible.builtin.set_fact:
                modsvc_restarted: "{{ modsvc_act | selectattr('action', 'eq', 'restart') | map(attribute='unit') | unique | list }}"

            - name: Restart the units whose unit changed, or whose config data changed and who declare no reload
              ansible.builtin.systemd_service:
                name: "{{ item }}"
                state: restarted
              loop: "{{ modsvc_restarted }}"

            - name: Reload the units of which only the config data changed
              ansible.builtin.systemd_service:
                name: "{{ item }}"
                state: reloaded
              loop: "{{ modsvc_act | selectattr('action', 'eq', 'reload') | rejectattr('unit', 'in', modsvc_restarted) | map(attribute='run') | unique | list }}"

            - name: Re-provision the providers that have new fulfil steps (a new requester)
              ansible.builtin.systemd_service:
                name: "{{ item }}"
                state: restarted
              loop: "{{ modsvc_act | selectattr('action', 'eq', 're-provision') | rejectattr('unit', 'in', modsvc_restarted) | map(attribute='run') | unique | list }}"

            - name: Start the node's target
              ansible.builtin.systemd_service:
                name: "{{ modsvc_target }}"
                state: started

            # Starting a target that runs already starts nothing: a unit added to it starts here.
            - name: Start the changed units that do not run
              ansible.builtin.systemd_service:
                name: "{{ item }}"
                state: started
              loop: "{{ modsvc_changed | map(attribute='unit') | unique | reject('in', modsvc_act | map(attribute='unit') | list) | list }}"

            # Written last: a run that fails before this point does the same again next time.
            - name: Record the stamps applied
              ansible.builtin.copy:
                content: "{{ modsvc_stamps | map(attribute='stamp') | list | to_nice_json }}\n"
                dest: "{{ modsvc_stamp_dir }}/stamps.json"
                mode: "0600"
            """;

    private static final String HANDLERS =
            """
            ---
            - name: Reload systemd
              ansible.builtin.systemd_service:
                daemon_reload: true

            # systemd hands a state directory to its dynamic user only when the directory itself is
            # not the user's yet, so a secret added to the directory of a running provider (a new
            # requester's password) would stay root's and unreadable to the provider.
            - name: See who owns the directories of the cross-node secrets
              ansible.builtin.stat:
                path: "{{ item | dirname }}"
              loop: "{{ modsvc_secrets }}"
              register: modsvc_secret_dirs
              listen: Own the delivered secrets

            - name: Set the owners of the cross-node secrets
              ansible.builtin.file:
                path: "{{ item.item }}"
                owner: "{{ item.stat.uid }}"
                group: "{{ item.stat.gid }}"
              loop: "{{ modsvc_secret_dirs.results }}"
              loop_control:
                label: "{{ item.item }}"
              listen: Own the delivered secrets
            """;
}
