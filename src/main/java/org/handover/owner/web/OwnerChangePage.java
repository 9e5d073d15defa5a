package org.handover.owner.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Optional;
import org.handover.owner.OwnerChange;
import org.handover.owner.OwnerChangeState;
import org.handover.owner.OwnerChanges;
import org.handover.system.HandoverException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public page where a registrant, who need not have an account, confirms or refuses an owner
 * change with the code from their email. The page is found by the registrant's own unguessable link
 * reference; a GET never changes anything. An unknown link and a wrong code get the same answer.
 */
@Controller
@RequestMapping("/owner-change/{link}")
class OwnerChangePage {

  private final OwnerChanges owners;

  OwnerChangePage(OwnerChanges owners) {
    this.owners = owners;
  }

  @GetMapping
  String show(
      @PathVariable String link,
      @RequestParam(required = false) String code,
      Model model,
      HttpServletResponse response) {
    Optional<OwnerChange> change = owners.byLink(link);
    if (change.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      model.addAttribute("error", "ownerChange.wrongCode");
      return "owner/confirm";
    }
    model.addAttribute("change", change.get());
    model.addAttribute("registrant", owners.registrantOf(link).orElseThrow().code());
    model.addAttribute("code", code);
    model.addAttribute("link", link);
    return "owner/confirm";
  }

  @PostMapping
  String answer(
      @PathVariable String link,
      @RequestParam(required = false) String code,
      @RequestParam(defaultValue = "accept") String decision,
      @RequestParam(required = false) String reason,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      Locale locale) {
    model.addAttribute("link", link);
    try {
      OwnerChange c =
          owners.answer(link, code, !"refuse".equals(decision), reason, request.getRemoteAddr());
      model.addAttribute("answered", c);
      model.addAttribute(
          "outcome",
          c.state() == OwnerChangeState.open
              ? "ownerChange.outcome.waiting"
              : "ownerChange.outcome." + c.state().name());
    } catch (HandoverException refused) {
      response.setStatus(
          switch (refused.kind()) {
            case TOO_MANY_REQUESTS -> 429;
            case CONFLICT -> HttpServletResponse.SC_CONFLICT;
            default -> HttpServletResponse.SC_BAD_REQUEST;
          });
      model.addAttribute("refusal", refused.message(locale));
      // what was typed stays (the same for an unknown link, so neither tells the other apart)
      model.addAttribute("code", code);
      model.addAttribute("reason", reason);
    }
    return "owner/confirm";
  }
}
