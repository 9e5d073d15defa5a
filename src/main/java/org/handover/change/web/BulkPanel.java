package org.handover.change.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.handover.change.SetPreview;
import org.handover.system.HandoverException;
import org.handover.system.Nic;
import org.springframework.context.MessageSource;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The bulk panel of My services as the customer filled it: its fields checked one by one (each
 * refusal named by its field), and the way back to the same page of My services with everything
 * kept — the ticked services, "all matching", the roles, the contact typed — and the refusals.
 */
final class BulkPanel {

  /** The fields the panel sends and the review re-sends: the selection and its filter. */
  static final List<String> FIELDS =
      List.of("service", "all", "q", "type", "admin", "tech", "billing", "role", "to");

  /** The list's place (its page and sort), so the panel comes back where it was. */
  private static final List<String> PLACE =
      List.of("q", "type", "admin", "tech", "billing", "sort", "size", "after", "before");

  /** Refusals that concern the new contact itself, whatever the service. */
  private static final Set<String> ABOUT_THE_CONTACT =
      Set.of(
          "account.unknown",
          "policy.newContactExists",
          "policy.newContactIsActive",
          "policy.newContactConfirmedItsEmail");

  private BulkPanel() {}

  /** The panel's fields as typed, by name, in a form the session and the flash can keep. */
  static LinkedHashMap<String, ArrayList<String>> kept(MultiValueMap<String, String> form) {
    LinkedHashMap<String, ArrayList<String>> kept = new LinkedHashMap<>();
    for (String name : FIELDS) {
      List<String> values = form.get(name);
      if (values != null && !values.isEmpty()) {
        kept.put(name, new ArrayList<>(values));
      }
    }
    for (String name : PLACE) {
      String value = form.getFirst(name);
      if (value != null && !value.isBlank()) {
        kept.putIfAbsent(name, new ArrayList<>(List.of(value)));
      }
    }
    return kept;
  }

  /**
   * Each refusal of the panel's own fields, by field ({@code service}, {@code role}, {@code to}):
   * nothing chosen, no role, no contact, an over-long or malformed customer ID.
   */
  static LinkedHashMap<String, String> refusals(
      MultiValueMap<String, String> form, MessageSource messages, Locale locale) {
    LinkedHashMap<String, String> errors = new LinkedHashMap<>();
    boolean all = "true".equals(form.getFirst("all"));
    if (!all && form.getOrDefault("service", List.of()).isEmpty()) {
      errors.put("service", messages.getMessage("bulk.error.services", null, locale));
    }
    if (form.getOrDefault("role", List.of()).isEmpty()) {
      errors.put("role", messages.getMessage("bulk.error.roles", null, locale));
    }
    String to = form.getFirst("to");
    if (to == null || to.isBlank()) {
      errors.put("to", messages.getMessage("bulk.error.to", null, locale));
    } else {
      Optional<String> tooLong =
          FieldLimits.tooLong("bulk.newContact", to, FieldLimits.CONTACT, locale);
      if (tooLong.isPresent()) {
        errors.put("to", tooLong.get());
      } else {
        try {
          Nic.parse(to);
        } catch (HandoverException malformed) {
          errors.put("to", malformed.message(locale));
        }
      }
    }
    return errors;
  }

  /**
   * A preview where nothing can be asked because of the new contact (no such account, suspended,
   * email not confirmed): that is the contact field's refusal, not the services'.
   */
  static Optional<String> unknownContact(SetPreview preview, ReaderWords words) {
    if (preview.itemCount() > 0 || preview.excluded().isEmpty()) {
      return Optional.empty();
    }
    return preview.excluded().stream()
        .map(SetPreview.Excluded::why)
        .filter(why -> ABOUT_THE_CONTACT.contains(why.messageKey()))
        .findFirst()
        .map(words::refusal);
  }

  /** Back to My services, at the place the panel was sent from, with all of it kept. */
  static String back(
      Map<String, ArrayList<String>> kept, Map<String, String> errors, RedirectAttributes flash) {
    flash.addFlashAttribute("bulkKept", new LinkedHashMap<>(kept));
    flash.addFlashAttribute("bulkErrors", new LinkedHashMap<>(errors));
    UriComponentsBuilder url = UriComponentsBuilder.fromPath("/account/contacts/services");
    for (String name : PLACE) {
      List<String> values = kept.get(name);
      if (values != null && !values.isEmpty() && !values.get(0).isBlank()) {
        url.queryParam(name, values.get(0));
      }
    }
    return "redirect:" + url.encode().build().toUriString();
  }

  /** A refusal of the whole selection, shown above the panel. */
  static Map<String, String> general(HandoverException refused, ReaderWords words) {
    return Map.of("service", words.refusal(refused));
  }
}
