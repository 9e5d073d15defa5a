package org.handover.change.web;

import jakarta.servlet.http.HttpSession;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.catalog.ServiceType;
import org.handover.change.AdminHandoverEndings;
import org.handover.change.ChangeSet;
import org.handover.change.EditPreview;
import org.handover.change.PreviewChanges;
import org.handover.change.RequestChanges;
import org.handover.change.RoleOption;
import org.handover.change.RoleOptions;
import org.handover.change.WantedContacts;
import org.handover.contact.ContactRole;
import org.handover.system.Actor;
import org.handover.system.HandoverException;
import org.handover.system.Nic;
import org.handover.system.web.StepUp;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Edit contacts of one service: the form (each role editable only where the rules allow), a
 * confirmation step that shows the requests and who must confirm them, then creation.
 */
@Controller
@RequestMapping("/account/contacts/services/{type}/{name}/edit")
class EditContactsController {

  private final RequestChanges requests;
  private final PreviewChanges previews;
  private final RoleOptions roleOptions;
  private final HostedServices services;
  private final MessageSource messages;
  private final ObjectProvider<AdminHandoverEndings> endings;

  EditContactsController(
      RequestChanges requests,
      PreviewChanges previews,
      RoleOptions roleOptions,
      HostedServices services,
      MessageSource messages,
      ObjectProvider<AdminHandoverEndings> endings) {
    this.requests = requests;
    this.previews = previews;
    this.roleOptions = roleOptions;
    this.services = services;
    this.messages = messages;
    this.endings = endings;
  }

  @GetMapping
  String form(
      Actor actor,
      @PathVariable String type,
      @PathVariable String name,
      HttpSession session,
      Model model,
      Locale locale) {
    ServiceType serviceType = type(type, name);
    Map<String, String> reviewed = reviewed(session, serviceType, name);
    return showForm(actor, serviceType, name, typedAsIs(reviewed), Map.of(), model, locale);
  }

  /**
   * The review, by GET after the form's POST (post/redirect/get): reload shows it again, Back
   * returns to the form as it was typed. The reviewed fields live in the session, per service;
   * without them the form opens.
   */
  @GetMapping("/review")
  String review(
      Actor actor,
      @PathVariable String type,
      @PathVariable String name,
      HttpSession session,
      Model model,
      Locale locale) {
    ServiceType serviceType = type(type, name);
    Map<String, String> reviewed = reviewed(session, serviceType, name);
    if (reviewed.isEmpty()) {
      return "redirect:" + path(serviceType, name, "");
    }
    return plan(actor, serviceType, name, reviewed, model, locale);
  }

  /**
   * First step: reads the fields, then plans the edit once (each changed role checked on its own,
   * then the whole edit); shows what follows, or the form again with each refusal by its field.
   */
  @PostMapping
  String preview(
      Actor actor,
      @PathVariable String type,
      @PathVariable String name,
      @RequestParam Map<String, String> form,
      HttpSession session,
      Model model,
      Locale locale) {
    ServiceType serviceType = type(type, name);
    Map<ContactRole, String> tooLong = tooLong(form, locale);
    if (!tooLong.isEmpty()) {
      return showForm(actor, serviceType, name, typedAsIs(form), tooLong, model, locale);
    }
    String view = plan(actor, serviceType, name, form, model, locale);
    if (!REVIEW.equals(view)) {
      return view;
    }
    Map<String, String> reviewed = new HashMap<>();
    ((Map<ContactRole, Nic>) model.getAttribute("wanted"))
        .forEach((role, nic) -> reviewed.put(role.name(), nic.value()));
    session.setAttribute(reviewKey(serviceType, name), reviewed);
    return "redirect:" + path(serviceType, name, "/review");
  }

  /** Plans the edit the fields ask for: the review, or the form again with each refusal. */
  private String plan(
      Actor actor,
      ServiceType serviceType,
      String name,
      Map<String, String> form,
      Model model,
      Locale locale) {
    WantedContacts.Typed input = WantedContacts.readForm(form, actor.nic());
    Map<ContactRole, String> typed = input.text();
    ReaderWords words = new ReaderWords(actor.nic(), locale);
    try {
      EditPreview preview = previews.previewEdit(actor, serviceType, name, input.wanted());
      Map<ContactRole, String> errors = new EnumMap<>(ContactRole.class);
      for (ContactRole role : ContactRole.values()) {
        HandoverException refused = input.refused().getOrDefault(role, preview.refused().get(role));
        if (refused != null) {
          errors.put(role, words.refusal(refused));
        }
      }
      if (!errors.isEmpty()) {
        return showForm(actor, serviceType, name, typed, errors, model, locale);
      }
      if (preview.nothingChanged()) {
        model.addAttribute("alert", messages.getMessage("edit.nothingChanged", null, locale));
        return showForm(actor, serviceType, name, typed, errors, model, locale);
      }
      HostedService service = preview.service();
      Map<ContactRole, Nic> wanted = preview.changes().byRole();
      model.addAttribute("service", service);
      model.addAttribute("plans", preview.plans());
      model.addAttribute("wanted", wanted);
      model.addAttribute("words", words);
      AdminHandoverEndings ending = endings.getIfAvailable();
      model.addAttribute(
          "endingPolicies",
          ending == null || !wanted.containsKey(ContactRole.admin)
              ? List.of()
              : ending.policiesEnding(serviceType, name, service.contacts().admin()));
      return REVIEW;
    } catch (HandoverException refused) {
      model.addAttribute("alert", words.refusal(refused));
      return showForm(actor, serviceType, name, typed, Map.of(), model, locale);
    }
  }

  /** Second step: creates the change set and opens its page with a banner. */
  @StepUp
  @PostMapping("/confirm")
  String confirm(
      Actor actor,
      @PathVariable String type,
      @PathVariable String name,
      @RequestParam Map<String, String> form,
      HttpSession session,
      RedirectAttributes flash,
      Model model,
      Locale locale) {
    ServiceType serviceType = type(type, name);
    WantedContacts wanted = WantedContacts.fromForm(form);
    try {
      Optional<ChangeSet> created = requests.request(actor, serviceType, name, wanted);
      if (created.isEmpty()) {
        model.addAttribute("alert", messages.getMessage("edit.nothingChanged", null, locale));
        return showForm(actor, serviceType, name, Map.of(), Map.of(), model, locale);
      }
      ChangeSet set = created.get();
      session.removeAttribute(reviewKey(serviceType, name));
      flash.addFlashAttribute(
          "notice",
          messages.getMessage(
              "edit.created",
              new Object[] {String.valueOf(set.id()), name, set.itemCount()},
              locale));
      return "redirect:/account/contacts/requests/" + set.id();
    } catch (HandoverException refused) {
      model.addAttribute("alert", new ReaderWords(actor.nic(), locale).refusal(refused));
      return showForm(actor, serviceType, name, Map.of(), Map.of(), model, locale);
    }
  }

  private static final String REVIEW = "change/edit-confirm";

  private static String reviewKey(ServiceType type, String name) {
    return "handover.change.editReview." + type.name() + "/" + name;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> reviewed(HttpSession session, ServiceType type, String name) {
    Object kept = session.getAttribute(reviewKey(type, name));
    return kept instanceof Map<?, ?> map ? (Map<String, String>) map : Map.of();
  }

  private static String path(ServiceType type, String name, String tail) {
    return UriComponentsBuilder.fromPath("/account/contacts/services/{type}/{name}/edit" + tail)
        .buildAndExpand(type.name(), name)
        .encode()
        .toUriString();
  }

  @ModelAttribute("limits")
  Map<String, Integer> limits() {
    return FieldLimits.FOR_PAGES;
  }

  /** Each role's field longer than a customer ID can be, refused by its name and the limit. */
  private Map<ContactRole, String> tooLong(Map<String, String> form, Locale locale) {
    Map<ContactRole, String> errors = new EnumMap<>(ContactRole.class);
    for (ContactRole role : ContactRole.values()) {
      FieldLimits.tooLong("role." + role.name(), form.get(role.name()), FieldLimits.CONTACT, locale)
          .ifPresent(message -> errors.put(role, message));
    }
    return errors;
  }

  /** The fields as typed, so that a refused form shows them again. */
  private static Map<ContactRole, String> typedAsIs(Map<String, String> form) {
    Map<ContactRole, String> typed = new EnumMap<>(ContactRole.class);
    for (ContactRole role : ContactRole.values()) {
      String value = form.get(role.name());
      if (value != null && !value.isBlank()) {
        typed.put(role, value.strip());
      }
    }
    return typed;
  }

  private String showForm(
      Actor actor,
      ServiceType type,
      String name,
      Map<ContactRole, String> typed,
      Map<ContactRole, String> errors,
      Model model,
      Locale locale) {
    HostedService service = services.requireVisibleTo(actor.nic(), type, name);
    List<RoleOption> options = roleOptions.of(actor.nic(), type, name);
    model.addAttribute("service", service);
    model.addAttribute("options", options);
    Map<ContactRole, String> locks = new EnumMap<>(ContactRole.class);
    for (RoleOption o : options) {
      if (o.lockReason() != null) {
        locks.put(
            o.role(),
            messages.getMessage(
                o.lockReason(),
                new Object[] {
                  o.holder().value(),
                  messages.getMessage("enum.ContactRole." + o.role().name(), null, locale),
                  service.name(),
                  o.openRequest() == null ? "" : String.valueOf(o.openRequest())
                },
                locale));
      }
    }
    model.addAttribute("locks", locks);
    model.addAttribute("typed", typed);
    model.addAttribute("errors", errors);
    model.addAttribute("words", new ReaderWords(actor.nic(), locale));
    return "change/edit";
  }

  private static ServiceType type(String type, String name) {
    return ServiceType.parse(type)
        .orElseThrow(() -> new HostedServices.ServiceNotFound(ServiceType.domain, name));
  }
}
