package org.handover.staff.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.handover.account.Account;
import org.handover.account.Accounts;
import org.handover.account.UnknownAccount;
import org.handover.audit.AuditLog;
import org.handover.audit.SecurityLog;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.catalog.ServiceQuery;
import org.handover.catalog.ServiceType;
import org.handover.change.ChangeQueries;
import org.handover.change.ChangeSet;
import org.handover.change.ChangeState;
import org.handover.history.ServiceHistory;
import org.handover.security.BrowserNames;
import org.handover.security.SecondFactors;
import org.handover.security.SecurityLogWords;
import org.handover.security.WebSessions;
import org.handover.staff.AccountSessions;
import org.handover.system.Like;
import org.handover.system.Nic;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's pages for every staff member: search (customer ID, email, name; service name;
 * request id or state) and the account, service and request views.
 */
@Controller
@RequestMapping("/operator/console")
class ConsoleController {

  private static final int LIMIT = 50;
  private static final int QUERY_MAX = 100;

  private final Accounts accounts;
  private final HostedServices services;
  private final ChangeQueries changes;
  private final SecondFactors factors;
  private final AuditLog audit;
  private final ServiceHistory history;
  private final AccountSessions sessions;
  private final SecurityLog securityLog;
  private final BrowserNames browsers;
  private final SecurityLogWords logWords;

  ConsoleController(
      Accounts accounts,
      HostedServices services,
      ChangeQueries changes,
      SecondFactors factors,
      AuditLog audit,
      ServiceHistory history,
      AccountSessions sessions,
      SecurityLog securityLog,
      BrowserNames browsers,
      SecurityLogWords logWords) {
    this.logWords = logWords;
    this.browsers = browsers;
    this.securityLog = securityLog;
    this.accounts = accounts;
    this.services = services;
    this.changes = changes;
    this.factors = factors;
    this.audit = audit;
    this.history = history;
    this.sessions = sessions;
  }

  @GetMapping
  String search(
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String state,
      Model model,
      HttpServletResponse response) {
    String query = q == null ? "" : q.strip();
    model.addAttribute("q", query);
    model.addAttribute("state", state);
    model.addAttribute("states", ChangeState.values());
    model.addAttribute("limit", LIMIT);
    if (query.length() > QUERY_MAX) {
      model.addAttribute("tooLong", QUERY_MAX);
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    } else if (!query.isEmpty()) {
      model.addAttribute("startsOnly", !Like.fragment(query));
      capped(model, "accounts", accounts.search(query, LIMIT + 1));
      capped(model, "services", services.search(query, LIMIT + 1));
      model.addAttribute(
          "requests",
          query.matches("\\d{1,18}")
              ? changes.find(Long.parseLong(query)).stream().toList()
              : List.of());
    } else if (state != null && !state.isBlank()) {
      ChangeState wanted = ChangeState.parse(state).orElse(null);
      Map<Long, ChangeSet> sets = new LinkedHashMap<>();
      if (wanted != null) {
        changes
            .search(wanted, null, null, 0, LIMIT)
            .forEach(e -> sets.putIfAbsent(e.getKey().id(), e.getKey()));
      }
      model.addAttribute("requests", List.copyOf(sets.values()));
    }
    return "staff/home";
  }

  /** The first {@link #LIMIT} found, and whether there were more (never how many). */
  private static void capped(Model model, String name, List<?> found) {
    model.addAttribute(name, found.size() > LIMIT ? found.subList(0, LIMIT) : found);
    model.addAttribute(name + "More", found.size() > LIMIT);
  }

  @GetMapping("/accounts/{nic}")
  String account(
      @PathVariable String nic,
      @RequestParam(required = false) Long logBefore,
      Model model,
      Locale locale) {
    Nic id = Nic.parse(nic);
    Account account = accounts.find(id).orElseThrow(() -> new UnknownAccount(id));
    model.addAttribute("account", account);
    model.addAttribute(
        "debtAmount",
        DebtAmount.typed(
            account.debtCents(),
            account.debtCurrency() == null ? "EUR" : account.debtCurrency(),
            locale));
    model.addAttribute("secondFactor", factors.enrolled(account.nic()));
    model.addAttribute(
        "services",
        services
            .list(
                new ServiceQuery(
                    account.nic(), null, null, null, null, null, null, null, null, LIMIT))
            .services());
    model.addAttribute("requests", changes.listInvolving(account.nic(), null, false, null, LIMIT));
    List<WebSessions.View> signedIn = sessions.list(account.nic());
    model.addAttribute("sessions", signedIn);
    model.addAttribute("browsers", browsers.bySession(signedIn, locale));
    model.addAttribute("history", audit.search(null, account.nic().value(), null, null, 0, LIMIT));
    SecurityLog.Page log =
        securityLog.page(account.nic(), logBefore != null && logBefore > 0 ? logBefore : null);
    model.addAttribute("securityLog", log);
    model.addAttribute(
        "securityLines", logWords.lines(log.entries(), locale, SecurityLogWords.Reader.staff));
    return "staff/account";
  }

  @GetMapping("/services/{type}/{name}")
  String service(
      @PathVariable String type,
      @PathVariable String name,
      @RequestParam(required = false) Long before,
      Model model) {
    ServiceType kind = ServiceType.parse(type).orElseThrow(() -> ConsoleNotFound.service(name));
    HostedService service =
        services.find(kind, name).orElseThrow(() -> ConsoleNotFound.service(name));
    model.addAttribute("service", service);
    model.addAttribute(
        "owner",
        kind == ServiceType.domain
            ? services.owner(service.contacts().admin(), kind, service.name()).orElse(null)
            : null);
    model.addAttribute("history", history.forStaff(service, before));
    return "staff/service";
  }

  @GetMapping("/requests/{id}")
  String request(@PathVariable long id, Model model) {
    ChangeSet change = changes.find(id).orElseThrow(() -> ConsoleNotFound.request(id));
    model.addAttribute("change", change);
    model.addAttribute("history", audit.forChange(id));
    return "staff/request";
  }
}
