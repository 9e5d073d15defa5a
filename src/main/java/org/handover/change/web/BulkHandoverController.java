package org.handover.change.web;

import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.handover.catalog.HostedServices;
import org.handover.catalog.ServiceKey;
import org.handover.catalog.ServiceQuery;
import org.handover.catalog.ServiceType;
import org.handover.catalog.web.ServiceFilters;
import org.handover.change.ChangeSet;
import org.handover.change.PreviewChanges;
import org.handover.change.RequestChanges;
import org.handover.change.SetPreview;
import org.handover.change.WantedContacts;
import org.handover.contact.PlannedChange;
import org.handover.system.Actor;
import org.handover.system.HandoverException;
import org.handover.system.Nic;
import org.handover.system.web.StepUp;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A bulk handover from My services: the services ticked on the page, or every service matching the
 * page's filter (up to {@value RequestChanges#MAX_SET_SERVICES}), the roles and the new contact;
 * then a review that lists what will be asked and what is left out, and why; then one change set.
 */
@Controller
@RequestMapping("/account/contacts/bulk")
class BulkHandoverController {

  private static final String REVIEW_KEY = "handover.change.bulkReview";

  /** Included items the review page lists; the rest are counted. */
  private static final int LISTED = 50;

  private final RequestChanges requests;
  private final PreviewChanges previews;
  private final HostedServices services;
  private final MessageSource messages;

  BulkHandoverController(
      RequestChanges requests,
      PreviewChanges previews,
      HostedServices services,
      MessageSource messages) {
    this.requests = requests;
    this.previews = previews;
    this.services = services;
    this.messages = messages;
  }

  /** What the form says: the services (ticked, or the filter), the roles, the new contact. */
  private record Selection(List<ServiceKey> keys, WantedContacts wanted) {}

  @PostMapping("/review")
  String review(
      Actor actor,
      @RequestParam MultiValueMap<String, String> form,
      HttpSession session,
      RedirectAttributes flash,
      Locale locale) {
    LinkedHashMap<String, ArrayList<String>> kept = BulkPanel.kept(form);
    Map<String, String> errors = BulkPanel.refusals(form, messages, locale);
    if (errors.isEmpty()) {
      try {
        selection(actor.nic(), form, locale);
      } catch (HandoverException | IllegalArgumentException invalid) {
        errors = Map.of("service", messages.getMessage("bulk.nothingSelected", null, locale));
      }
    }
    if (!errors.isEmpty()) {
      return BulkPanel.back(kept, errors, flash);
    }
    session.setAttribute(REVIEW_KEY, kept);
    return "redirect:/account/contacts/bulk/review";
  }

  /** Back from the review: My services with the panel as it was sent, ready to change. */
  @GetMapping("/back")
  String back(HttpSession session, RedirectAttributes flash) {
    return BulkPanel.back(reviewed(session), Map.of(), flash);
  }

  /**
   * The review, by GET after the panel's POST (post/redirect/get): reload shows it again. The
   * reviewed selection lives in the session; without one, My services opens.
   */
  @GetMapping("/review")
  String reviewed(
      Actor actor, HttpSession session, Model model, RedirectAttributes flash, Locale locale) {
    Map<String, ArrayList<String>> kept = reviewed(session);
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    kept.forEach(form::addAll);
    Selection selection;
    try {
      selection = selection(actor.nic(), form, locale);
    } catch (HandoverException | IllegalArgumentException invalid) {
      return "redirect:/account/contacts/services";
    }
    SetPreview preview = previews.previewSet(actor, selection.keys(), selection.wanted());
    ReaderWords words = new ReaderWords(actor.nic(), locale);
    Optional<String> unknown = BulkPanel.unknownContact(preview, words);
    if (unknown.isPresent()) {
      return BulkPanel.back(kept, Map.of("to", unknown.get()), flash);
    }
    List<String> included = new ArrayList<>();
    preview
        .included()
        .forEach((key, plans) -> plans.forEach(p -> included.add(line(key, p, words, locale))));
    model.addAttribute("itemCount", preview.itemCount());
    model.addAttribute("included", included.stream().limit(LISTED).toList());
    model.addAttribute(
        "excluded",
        preview.excluded().stream()
            .map(e -> e.service().name() + ": " + words.refusal(e.why()))
            .toList());
    model.addAttribute("form", form);
    model.addAttribute("hidden", hidden(form));
    return "change/bulk-review";
  }

  @StepUp
  @PostMapping("/confirm")
  String confirm(
      Actor actor,
      @RequestParam MultiValueMap<String, String> form,
      HttpSession session,
      RedirectAttributes flash,
      Locale locale) {
    try {
      Selection selection = selection(actor.nic(), form, locale);
      ChangeSet set = requests.requestSet(actor, selection.keys(), selection.wanted(), true);
      session.removeAttribute(REVIEW_KEY);
      flash.addFlashAttribute(
          "notice",
          messages.getMessage(
              "edit.created",
              new Object[] {
                String.valueOf(set.id()), set.items().get(0).serviceName(), set.itemCount()
              },
              locale));
      return "redirect:/account/contacts/requests/" + set.id();
    } catch (HandoverException refused) {
      return BulkPanel.back(
          BulkPanel.kept(form),
          BulkPanel.general(refused, new ReaderWords(actor.nic(), locale)),
          flash);
    } catch (IllegalArgumentException invalid) {
      return BulkPanel.back(
          BulkPanel.kept(form),
          Map.of("service", messages.getMessage("bulk.nothingSelected", null, locale)),
          flash);
    }
  }

  /** The selection kept for the review, or none. */
  @SuppressWarnings("unchecked")
  private static Map<String, ArrayList<String>> reviewed(HttpSession session) {
    return session.getAttribute(REVIEW_KEY) instanceof Map<?, ?> kept
        ? (Map<String, ArrayList<String>>) kept
        : Map.of();
  }

  /** Reads the form; {@link IllegalArgumentException} when a part is missing. */
  private Selection selection(Nic viewer, MultiValueMap<String, String> form, Locale locale) {
    WantedContacts wanted =
        WantedContacts.sameContact(form.getFirst("to"), form.getOrDefault("role", List.of()));
    Set<ServiceKey> keys = new LinkedHashSet<>();
    if ("true".equals(form.getFirst("all"))) {
      keys.addAll(
          services.keysMatching(query(viewer, form, locale), RequestChanges.MAX_SET_SERVICES));
    } else {
      for (String ref : form.getOrDefault("service", List.of())) {
        int colon = ref.indexOf(':');
        ServiceType type =
            ServiceType.parse(colon < 0 ? "" : ref.substring(0, colon))
                .orElseThrow(() -> new IllegalArgumentException("bad service " + ref));
        keys.add(new ServiceKey(type, ref.substring(colon + 1)));
      }
    }
    if (keys.isEmpty() || keys.size() > RequestChanges.MAX_SET_SERVICES) {
      throw new IllegalArgumentException("no service");
    }
    return new Selection(new ArrayList<>(keys), wanted);
  }

  /** The page's filter, as My services reads it; {@link IllegalArgumentException} if it is bad. */
  private static ServiceQuery query(Nic viewer, MultiValueMap<String, String> form, Locale locale) {
    Map<String, String> errors = new HashMap<>();
    ServiceQuery query =
        ServiceFilters.query(
            viewer,
            new ServiceFilters(
                form.getFirst("q"),
                form.getFirst("type"),
                form.getFirst("admin"),
                form.getFirst("tech"),
                form.getFirst("billing")),
            null,
            null,
            null,
            100,
            errors,
            locale);
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("bad filter " + errors.keySet());
    }
    return query;
  }

  /** The fields the confirmation re-sends: the selection, never the CSRF token (added anew). */
  private static List<Map.Entry<String, String>> hidden(MultiValueMap<String, String> form) {
    List<Map.Entry<String, String>> fields = new ArrayList<>();
    for (String name : BulkPanel.FIELDS) {
      form.getOrDefault(name, List.of()).forEach(v -> fields.add(Map.entry(name, v)));
    }
    return fields;
  }

  private String line(ServiceKey key, PlannedChange p, ReaderWords words, Locale locale) {
    List<String> roles =
        p.sortedRoles().stream()
            .map(r -> messages.getMessage("role." + r.name(), null, locale))
            .toList();
    return key.name()
        + ": "
        + String.join(", ", roles)
        + ": "
        + words.who(p.from())
        + " \u2192 "
        + words.who(p.to());
  }
}
