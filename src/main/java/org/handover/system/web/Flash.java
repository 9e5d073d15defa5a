package org.handover.system.web;

import java.util.Locale;
import org.handover.system.HandoverException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Reports a refusal on the next page as a red banner, except "not found", which stays a 404 so that
 * nobody learns about other customers' services or requests.
 */
public final class Flash {

  private Flash() {}

  public static void refusal(RedirectAttributes flash, HandoverException refused, Locale locale) {
    if (refused.kind() == HandoverException.Kind.NOT_FOUND) {
      throw refused;
    }
    flash.addFlashAttribute("alert", refused.message(locale));
  }
}
