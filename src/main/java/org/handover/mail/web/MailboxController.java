package org.handover.mail.web;

import java.util.List;
import org.handover.mail.MailTemplates;
import org.handover.mail.Outbox;
import org.handover.mail.OutboxMessage;
import org.handover.mail.RenderedMail;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The demo mailbox: the outbox, newest first, each email readable with working links. Exists in
 * demo mode only; otherwise the path is a 404.
 */
@Controller
@RequestMapping("/dev/mailbox")
@ConditionalOnProperty(name = "handover.demo.enabled", havingValue = "true")
class MailboxController {

  private static final int PAGE = 50;

  private final Outbox outbox;
  private final MailTemplates templates;

  /** The SMTP server emails also leave through, null when none is configured. */
  private final String smtpHost;

  MailboxController(
      Outbox outbox, MailTemplates templates, @Value("${spring.mail.host:}") String smtpHost) {
    this.outbox = outbox;
    this.templates = templates;
    this.smtpHost = smtpHost.isBlank() ? null : smtpHost;
  }

  /** One row of the list: the message and its subject. */
  record Entry(OutboxMessage message, String subject) {}

  @GetMapping
  String list(@RequestParam(defaultValue = "0") int page, Model model) {
    int safePage = Math.max(0, Math.min(page, 10_000));
    List<Entry> entries =
        outbox.newest(safePage * PAGE, PAGE + 1).stream()
            .map(m -> new Entry(m, templates.render(m).subject()))
            .toList();
    model.addAttribute("entries", entries.subList(0, Math.min(PAGE, entries.size())));
    model.addAttribute("page", safePage);
    model.addAttribute("hasNext", entries.size() > PAGE);
    model.addAttribute("smtpHost", smtpHost);
    return "mailbox/list";
  }

  @GetMapping("/{id}")
  String show(@PathVariable long id, Model model) {
    OutboxMessage message =
        outbox.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    RenderedMail mail = templates.render(message);
    model.addAttribute("message", message);
    model.addAttribute("mail", mail);
    // links in the preview open in this tab, in place of the mailbox, as from a mail client
    model.addAttribute(
        "preview", mail.html().replaceFirst("<head>", "<head><base target=\"_top\">"));
    return "mailbox/show";
  }
}
