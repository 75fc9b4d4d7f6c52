package org.modsvc.emit.ansible;

import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

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
     */
    record Host(String name, String address, SortedSet<String> packages, SortedSet<String> secrets) {}

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
            modsvc_packages: []
            modsvc_secrets: []
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
            # and a second run must not take it back.
            - name: Deliver the cross-node secrets from the controller
              ansible.builtin.copy:
                src: "{{ modsvc_secrets_dir }}/{{ inventory_hostname }}/"
                dest: /
                mode: preserve
              when: modsvc_secrets | length > 0
              diff: false

            - name: Reload systemd before the start when a unit changed
              ansible.builtin.meta: flush_handlers

            - name: Start the node's target
              ansible.builtin.systemd_service:
                name: "{{ modsvc_target }}"
                state: started
            """;

    private static final String HANDLERS =
            """
            ---
            - name: Reload systemd
              ansible.builtin.systemd_service:
                daemon_reload: true
            """;
}
