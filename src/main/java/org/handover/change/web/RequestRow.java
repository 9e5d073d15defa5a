package org.handover.change.web;

import org.handover.change.ContactChange;

/**
 * One line of "My requests": the request, its status in plain words, and what the viewer may do
 * ({@code code} pre-fills the code field when the page was opened from the email link).
 */
record RequestRow(
    ContactChange change,
    String status,
    boolean canAnswer,
    boolean canResend,
    boolean canCancel,
    boolean highlighted,
    String code) {}
