package org.handover.change.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.handover.change.Reason;
import org.handover.system.HandoverException;
import org.handover.system.Messages;
import org.handover.system.Nic;

/**
 * Names as the one reader of a request page reads them: their own customer ID as "you", lists of
 * people in the language's words ("you and bb2-ovh"), and reasons and refusals in their own form
 * where they are the one named ("You refused it."). Made for each page; its templates call it.
 */
public final class ReaderWords {

  private final Nic reader;
  private final Locale locale;

  ReaderWords(Nic reader, Locale locale) {
    this.reader = reader;
    this.locale = locale;
  }

  /** People as a list ("you, aa1-ovh and bb2-ovh"): the reader first, as "you". */
  public String people(List<Nic> nics) {
    List<String> names = new ArrayList<>();
    if (nics.contains(reader)) {
      names.add(Messages.format(locale, "history.you"));
    }
    nics.stream().filter(n -> !n.equals(reader)).map(Nic::value).forEach(names::add);
    return Messages.list(locale, names);
  }

  /** One customer ID, marked when it is the reader's ("aa1-ovh (you)"). */
  public String who(Nic nic) {
    return reader.equals(nic)
        ? Messages.format(locale, "requests.youMarked", nic.value())
        : nic.value();
  }

  /** Why a request ended, as the reader reads it; empty for none. */
  public String reason(Reason why) {
    return why == null ? "" : why.messageTo(locale, reader);
  }

  /** A refusal, as the reader reads it ("You are already the technical contact of …"). */
  public String refusal(HandoverException refused) {
    return Messages.toReader(locale, reader, refused.messageKey(), refused.args());
  }
}
