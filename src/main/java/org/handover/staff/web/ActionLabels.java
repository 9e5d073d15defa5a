package org.handover.staff.web;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The message key that names an audit action in the console: the service history's label when it
 * has one ({@code history.action.change.done} "Change applied"), else the console's own ({@code
 * console.action.account.suspended}), else a generic "Other event". An action's internal name
 * ({@code change.done}) is never shown as its label.
 */
@Component
public class ActionLabels {

  static final String OTHER = "console.action.other";

  private final MessageSource messages;

  ActionLabels(MessageSource messages) {
    this.messages = messages;
  }

  /** The key of the action's label; every key returned exists in every language. */
  public String key(String action) {
    if (action == null || action.isBlank()) {
      return OTHER;
    }
    for (String key : new String[] {"history.action." + action, "console.action." + action}) {
      if (messages.getMessage(key, null, null, Locale.ENGLISH) != null) {
        return key;
      }
    }
    return OTHER;
  }
}
