package org.handover.mail;

import java.util.List;

/**
 * Everything one email shows, already translated; the layouts only arrange it. Any field may be
 * null except the subject, greeting, paragraphs, details and footer.
 */
record MailView(
    String language,
    String provider,
    String subject,
    String greeting,
    List<String> paragraphs,
    String codeLabel,
    String code,
    String actionLabel,
    String actionUrl,
    List<MailDetail> details,
    String footer) {}
