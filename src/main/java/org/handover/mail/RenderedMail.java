package org.handover.mail;

/** An email ready to send: subject, plain text and HTML alternatives. */
public record RenderedMail(String subject, String text, String html) {}
