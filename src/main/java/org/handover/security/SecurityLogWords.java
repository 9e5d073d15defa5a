package org.handover.security;

import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import org.handover.audit.SecurityActor;
import org.handover.audit.SecurityEntry;
import org.handover.system.IpAddresses;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The security log's lines in words a person reads, in their language, chosen from the line's codes
 * (event, sign-in method and second factor, who acted, why or how) and never parsed from stored
 * text: how ("password + authenticator code"), who ("You", "Support staff", "The provider's system
 * (operator API)"…, true for the reader: the customer reads "You" where staff read "The customer"),
 * the address in its canonical form, the browser as the Security page names browsers, and the
 * detail ("Accepted change set #12", "Because the password was changed"). A name the customer typed
 * (a second factor's) is shown as typed. Staff also get the technical record.
 */
@Component
public class SecurityLogWords {

  /** Who reads the log: the customer it belongs to, or the provider's staff in the console. */
  public enum Reader {
    customer,
    staff
  }

  /**
   * One line as shown: the entry, and in words how, by whom, from where, with what browser and the
   * detail (each empty when there is nothing to say, as for a line of a background job: no address,
   * no browser); the technical record for staff, else null.
   */
  public record Line(
      SecurityEntry entry,
      String how,
      String by,
      String address,
      String browser,
      String detail,
      String record) {}

  private final MessageSource messages;
  private final BrowserNames browsers;

  SecurityLogWords(MessageSource messages, BrowserNames browsers) {
    this.messages = messages;
    this.browsers = browsers;
  }

  public List<Line> lines(List<SecurityEntry> entries, Locale locale, Reader reader) {
    return entries.stream()
        .map(
            e ->
                new Line(
                    e,
                    how(e, locale),
                    by(e.actor(), reader, locale),
                    e.address() == null ? "" : IpAddresses.shown(e.address()),
                    browser(e, locale),
                    detail(e, locale),
                    reader == Reader.staff ? record(e) : null))
        .toList();
  }

  private String how(SecurityEntry e, Locale locale) {
    StringJoiner how = new StringJoiner(" + ");
    if (e.method() != null) {
      how.add(text("securityLog.method." + e.method(), locale));
    }
    if (e.factor() != null) {
      how.add(text("securityLog.factor." + e.factor(), locale));
    }
    return how.toString();
  }

  private String by(SecurityActor actor, Reader reader, Locale locale) {
    if (actor == null) {
      return text("securityLog.actor.unknown", locale);
    }
    if (actor == SecurityActor.customer) {
      return text("securityLog.actor.customer." + reader.name(), locale);
    }
    return text("securityLog.actor." + actor.name(), locale);
  }

  private String browser(SecurityEntry e, Locale locale) {
    if (e.browser() == null && e.address() == null) {
      return "";
    }
    return browsers.name(e.recognised(), locale);
  }

  /** The reason in words (with its number), else the name the customer typed, else nothing. */
  private String detail(SecurityEntry e, Locale locale) {
    if (e.reason() != null) {
      return text("securityLog.reason." + e.reason().name(), locale, e.ref());
    }
    return e.detail() == null ? "" : e.detail();
  }

  /** What the log holds beyond the words: the technical identity, the codes, the stored text. */
  private static String record(SecurityEntry e) {
    StringJoiner record = new StringJoiner(" · ");
    if (e.by() != null) {
      record.add(e.by());
    }
    if (e.reason() != null) {
      record.add(e.ref() == null ? e.reason().name() : e.reason().name() + " " + e.ref());
    }
    if (e.detail() != null) {
      record.add(e.detail());
    }
    return record.toString();
  }

  private String text(String key, Locale locale, Object... args) {
    return messages.getMessage(key, args, locale);
  }
}
