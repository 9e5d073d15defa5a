package org.handover.account;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handover.mail.MailArguments;
import org.handover.mail.MailContent;
import org.handover.mail.MailKind;
import org.handover.mail.MailWords;
import org.handover.mail.PanelUrl;
import org.handover.mail.StoredPayload;

/**
 * The {@code DEBT_NOTICE}: a change someone else asked for (the asker, the role, the service) was
 * refused for the reader's overdue payments.
 */
record DebtNoticeMail(
    String nic, String recipientName, String askingAccount, List<String> roles, String serviceName)
    implements MailContent {

  private static final int SERVICE = 2;
  private static final int ROLES = 4;
  private static final int ASKER = 7;
  private static final int NIC = 12;

  static DebtNoticeMail read(StoredPayload p) {
    return new DebtNoticeMail(
        p.text("nic"),
        p.text("recipientName"),
        p.text("askingAccount"),
        p.texts("roles"),
        p.text("serviceName"));
  }

  @Override
  public Map<String, ?> payload() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("nic", nic);
    p.put("recipientName", recipientName);
    p.put("askingAccount", askingAccount);
    p.put("roles", roles);
    p.put("serviceName", serviceName);
    return p;
  }

  @Override
  public void arguments(MailArguments arguments, MailWords words) {
    arguments
        .set(SERVICE, words.services(serviceName, 1))
        .set(ROLES, words.roles(roles))
        .set(ASKER, askingAccount)
        .set(NIC, nic);
  }

  @Override
  public String link(MailKind kind, PanelUrl panel) {
    return panel.to("/account/profile");
  }
}
