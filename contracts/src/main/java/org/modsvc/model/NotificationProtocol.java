package org.modsvc.model;

/** The readiness protocol a daemon speaks (modular services' {@code notificationProtocol}). */
public enum NotificationProtocol {
    NONE("none"),
    /** sd_notify READY=1. */
    SYSTEMD("systemd"),
    /** Writes a newline to a notification file descriptor. */
    S6("s6");

    private final String word;

    NotificationProtocol(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static NotificationProtocol parse(String word) {
        for (NotificationProtocol n : values()) if (n.word.equals(word)) return n;
        return null;
    }
}
