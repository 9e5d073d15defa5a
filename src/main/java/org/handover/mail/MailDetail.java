package org.handover.mail;

/** One labelled fact under an email's text, such as the request or the expiry date. */
public record MailDetail(String label, String value) {}
