package org.handover.change.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.handover.change.AnswerChange;
import org.handover.change.CancelChange;
import org.handover.change.ChangeQueries;
import org.handover.change.ChangeSet;
import org.handover.change.ChangeState;
import org.handover.change.ResendCode;
import org.handover.mail.Outbox;
import org.handover.mail.OutboxMessage;
import org.handover.system.Actor;
import org.handover.system.HandoverException;
import org.handover.system.Nic;
import org.handover.system.web.Flash;
import org.handover.system.web.Redirects;
import org.handover.system.web.StepUp;
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

/**
 * "My requests": the requests I asked for, must confirm, or that concern a role I hold, with the
 * actions I may take. A GET never changes anything (mail scanners follow links).
 */
@Controller
@RequestMapping("/account/contacts/requests")
class MyRequestsController {

  private static final int PAGE = 50;

  /**
   * The states a customer can find requests in: a request waiting for a token is "awaiting
   * validation"; {@code todo}, {@code checkValidity} and {@code doing} last only inside one
   * transaction, so offering them as filters would only ever show an empty list.
   */
  private static final List<ChangeState> FILTERABLE =
      List.of(
          ChangeState.validatingByCustomers,
          ChangeState.done,
          ChangeState.refused,
          ChangeState.expired,
          ChangeState.aborted,
          ChangeState.error);

  private final ChangeQueries changes;
  private final AnswerChange answers;
  private final ResendCode resends;
  private final CancelChange cancels;
  private final MessageSource messages;
  private final Outbox outbox;

  MyRequestsController(
      ChangeQueries changes,
      AnswerChange answers,
      ResendCode resends,
      CancelChange cancels,
      MessageSource messages,
      Outbox outbox) {
    this.changes = changes;
    this.answers = answers;
    this.resends = resends;
    this.cancels = cancels;
    this.messages = messages;
    this.outbox = outbox;
  }

  /** The filter value that lists the sets waiting for my token. */
  static final String NEEDS_MY_ACTION = "needsMyAction";

  @GetMapping
  String list(
      Actor actor,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) Long before,
      @RequestParam(required = false) Long taskId,
      @RequestParam(required = false) String token,
      Model model,
      Locale locale) {
    Nic me = actor.nic();
    if (taskId != null) {
      // links from before change sets named a task: its set's page answers them
      long set = changes.setOfTask(me, taskId);
      String page = "/account/contacts/requests/" + set;
      return "redirect:" + (token == null ? page : Redirects.withQuery(page, "token", token));
    }
    boolean mine = NEEDS_MY_ACTION.equals(state);
    ChangeState filter = mine ? null : ChangeState.parse(state).orElse(null);
    List<ChangeSet> page = changes.listInvolving(me, filter, mine, before, PAGE + 1);
    boolean more = page.size() > PAGE;
    List<ChangeSet> shown = more ? page.subList(0, PAGE) : page;
    model.addAttribute("rows", shown.stream().map(c -> row(c, me, false, null, locale)).toList());
    model.addAttribute("state", mine ? NEEDS_MY_ACTION : filter == null ? null : filter.name());
    model.addAttribute("states", FILTERABLE);
    model.addAttribute("nextBefore", more ? shown.get(shown.size() - 1).id() : null);
    model.addAttribute("me", me);
    return "change/requests";
  }

  /** One set on its own page: every item, each party's answer, and my actions. */
  @GetMapping("/{id}")
  String show(
      Actor actor,
      @PathVariable long id,
      @RequestParam(required = false) String token,
      Model model,
      Locale locale) {
    ChangeSet set = changes.get(actor.nic(), id);
    Object typed = token != null ? token : model.getAttribute("typedToken");
    model.addAttribute("r", row(set, actor.nic(), true, (String) typed, locale));
    model.addAttribute("items", set.items().stream().limit(ITEMS_SHOWN).toList());
    // whose email about this set could not be delivered (never the server's reply: it may name
    // the address, which the other members do not see)
    model.addAttribute(
        "undelivered",
        outbox.failedMailsFor(id).stream()
            .map(OutboxMessage::recipientNic)
            .filter(Objects::nonNull)
            .distinct()
            .toList());
    model.addAttribute("me", actor.nic());
    return "change/request";
  }

  /** Items a set's page lists; the rest are counted. */
  private static final int ITEMS_SHOWN = 500;

  @StepUp
  @PostMapping("/{id}/accept")
  String accept(
      Actor actor,
      @PathVariable long id,
      @RequestParam(defaultValue = "") String token,
      RedirectAttributes flash,
      Locale locale) {
    Map<String, String> typed = Map.of("typedToken", token);
    Optional<String> refused = tokenTooLong(token, locale);
    if (refused.isPresent()) {
      typed.forEach(flash::addFlashAttribute);
      flash.addFlashAttribute("alert", refused.get());
      return back(id);
    }
    return act(
        id,
        flash,
        locale,
        typed,
        () -> afterAcceptance(answers.accept(actor, id, token), actor.nic(), locale));
  }

  @PostMapping("/{id}/refuse")
  String refuse(
      Actor actor,
      @PathVariable long id,
      @RequestParam(defaultValue = "") String token,
      @RequestParam(required = false) String reason,
      RedirectAttributes flash,
      Locale locale) {
    Optional<String> refused =
        tokenTooLong(token, locale)
            .or(
                () ->
                    FieldLimits.tooLong("change.field.reason", reason, FieldLimits.REASON, locale));
    Map<String, String> typed =
        Map.of("typedToken", token, "typedReason", reason == null ? "" : reason);
    if (refused.isPresent()) {
      typed.forEach(flash::addFlashAttribute);
      flash.addFlashAttribute("alert", refused.get());
      return back(id);
    }
    return act(
        id,
        flash,
        locale,
        typed,
        () -> notice("requests.refused", answers.refuse(actor, id, token, reason), locale));
  }

  private Optional<String> tokenTooLong(String token, Locale locale) {
    return FieldLimits.tooLong("requests.code", token, FieldLimits.TOKEN, locale);
  }

  @ModelAttribute("limits")
  Map<String, Integer> limits() {
    return FieldLimits.FOR_PAGES;
  }

  @PostMapping("/{id}/resend")
  String resend(Actor actor, @PathVariable long id, RedirectAttributes flash, Locale locale) {
    return act(
        id,
        flash,
        locale,
        Map.of(),
        () -> {
          resends.resend(actor, id);
          return messages.getMessage("requests.resent", new Object[] {String.valueOf(id)}, locale);
        });
  }

  @PostMapping("/{id}/cancel")
  String cancel(Actor actor, @PathVariable long id, RedirectAttributes flash, Locale locale) {
    return act(
        id,
        flash,
        locale,
        Map.of(),
        () -> notice("requests.cancelled", cancels.cancel(actor, id), locale));
  }

  /** Runs one action: its outcome or its refusal, and then what was typed, come back. */
  private String act(
      long id,
      RedirectAttributes flash,
      Locale locale,
      Map<String, String> typed,
      Supplier<String> action) {
    try {
      flash.addFlashAttribute("notice", action.get());
    } catch (HandoverException refused) {
      Flash.refusal(flash, refused, locale);
      typed.forEach(flash::addFlashAttribute);
    }
    return back(id);
  }

  private String notice(String key, ChangeSet c, Locale locale) {
    return messages.getMessage(key, new Object[] {String.valueOf(c.id())}, locale);
  }

  private static String back(long id) {
    return "redirect:/account/contacts/requests/" + id;
  }

  private String afterAcceptance(ChangeSet c, Nic me, Locale locale) {
    ReaderWords words = new ReaderWords(me, locale);
    if (c.state() == ChangeState.done) {
      return messages.getMessage(
          "requests.done", new Object[] {String.valueOf(c.id()), c.itemCount()}, locale);
    }
    if (c.state().isOpen()) {
      return messages.getMessage(
          "requests.waitsForOthers",
          new Object[] {String.valueOf(c.id()), words.people(c.pendingParties())},
          locale);
    }
    return messages.getMessage(
        "requests.endedAs",
        new Object[] {
          String.valueOf(c.id()), stateName(c.state(), locale), words.reason(c.reason())
        },
        locale);
  }

  private RequestRow row(ChangeSet c, Nic me, boolean linked, String token, Locale locale) {
    boolean pendingParty = c.awaits(me);
    return new RequestRow(
        c,
        status(c, new ReaderWords(me, locale), pendingParty, locale),
        pendingParty,
        pendingParty,
        c.mayCancel(me) && c.state() == ChangeState.validatingByCustomers,
        linked,
        linked && pendingParty ? token : null);
  }

  /**
   * What the state's name leaves to say: who still has to confirm, or why it ended; the date it
   * ended is shown once, beside ("Ended"), never again in this line.
   */
  private String status(ChangeSet c, ReaderWords words, boolean pendingParty, Locale locale) {
    return switch (c.state()) {
      case validatingByCustomers, todo, checkValidity, doing ->
          pendingParty
              ? messages.getMessage("status.waitingForYou", null, locale)
              : messages.getMessage(
                  "status.waitingFor", new Object[] {words.people(c.pendingParties())}, locale);
      case done -> "";
      case refused, expired, aborted, error -> words.reason(c.reason());
    };
  }

  private String stateName(ChangeState state, Locale locale) {
    return messages.getMessage("state." + state.name(), null, locale);
  }
}
