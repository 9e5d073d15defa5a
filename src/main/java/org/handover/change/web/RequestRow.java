package org.handover.change.web;

import org.handover.change.ChangeSet;

/**
 * One change set as "My requests" and its own page show it: the set, its status in plain words, and
 * what the viewer may do ({@code code} pre-fills the token field when the page was opened from the
 * email link).
 */
record RequestRow(
    ChangeSet set,
    String status,
    boolean canAnswer,
    boolean canResend,
    boolean canCancel,
    boolean highlighted,
    String code) {}
