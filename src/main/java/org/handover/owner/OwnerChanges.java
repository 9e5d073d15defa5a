package org.handover.owner;

import java.util.Map;
import java.util.Optional;
import org.handover.catalog.DomainOwner;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.catalog.HostedServices.ServiceNotFound;
import org.handover.catalog.ServiceType;
import org.handover.owner.OwnerErrors.NoOpenOwnerChange;
import org.handover.system.Actor;
import org.handover.system.ConfirmationCode;
import org.handover.system.Nic;
import org.springframework.stereotype.Service;

/**
 * The one door to a domain's owner (registrant) and its changes: its contacts read it, its
 * administrator corrects the address or phone at once and asks for a change of name, organisation
 * or email ({@link OwnerSubmission}), which the current and the new registrant confirm from their
 * emails ({@link OwnerChangeAnswers}), unless it is cancelled ({@link OwnerChangeEnding}) or
 * expires ({@link OwnerChangeJob}). Each step runs in one transaction; {@link OwnerChangeEffects}
 * writes its audit rows and emails.
 */
@Service
public class OwnerChanges {

  private final OwnerChangeRepository repository;
  private final HostedServices services;
  private final OwnerSubmission submission;
  private final OwnerChangeAnswers answers;
  private final OwnerChangeEnding ending;
  private final OwnerChangeJob job;

  OwnerChanges(
      OwnerChangeRepository repository,
      HostedServices services,
      OwnerSubmission submission,
      OwnerChangeAnswers answers,
      OwnerChangeEnding ending,
      OwnerChangeJob job) {
    this.repository = repository;
    this.services = services;
    this.submission = submission;
    this.answers = answers;
    this.ending = ending;
    this.job = job;
  }

  /** A domain's owner record and its open change, as a contact of the domain sees them. */
  public record OwnerView(
      HostedService service, Optional<DomainOwner> owner, Optional<OwnerChange> openChange) {

    public boolean administeredBy(Nic nic) {
      return service.contacts().admin().equals(nic);
    }
  }

  /** What a submitted owner record led to. */
  public record Submitted(Optional<OwnerChange> change, DomainOwner owner) {

    /** Whether it was applied at once (a correction, or a domain's first owner record). */
    public boolean corrected() {
      return change.isEmpty();
    }
  }

  /** The owner record of a domain the viewer holds a role on. */
  public OwnerView view(Nic viewer, String domain) {
    return viewOf(services.requireVisibleTo(viewer, ServiceType.domain, domain));
  }

  /** Any domain's owner record, for operators. */
  public OwnerView view(String domain) {
    return viewOf(
        services
            .find(ServiceType.domain, domain)
            .orElseThrow(() -> new ServiceNotFound(ServiceType.domain, domain)));
  }

  private OwnerView viewOf(HostedService s) {
    return new OwnerView(
        s, services.ownerOf(s.id()), repository.openOn(s.id()).flatMap(repository::find));
  }

  /** The open change of a domain the viewer holds a role on. */
  public OwnerChange openChange(Nic viewer, String domain) {
    return view(viewer, domain).openChange().orElseThrow(() -> new NoOpenOwnerChange(domain));
  }

  /** The change a registrant's link points to, if the link is known. */
  public Optional<OwnerChange> byLink(String link) {
    return entryOf(link).flatMap(e -> repository.find(e.getKey()));
  }

  /** Which registrant a link was issued to. */
  public Optional<Registrant> registrantOf(String link) {
    return entryOf(link).map(Map.Entry::getValue);
  }

  private Optional<Map.Entry<Long, Registrant>> entryOf(String link) {
    if (link == null || link.length() > 100) {
      return Optional.empty();
    }
    return repository.byLink(ConfirmationCode.digestOf(link));
  }

  /** See {@link OwnerSubmission}: a correction applied at once, or an owner change opened. */
  public Submitted submit(Actor actor, String domain, DomainOwner typed) {
    return submission.submit(actor, domain, typed);
  }

  /** The administrator cancels the open change: nothing changes, everyone is told. */
  public OwnerChange cancel(Actor actor, String domain) {
    return ending.cancel(actor, domain);
  }

  /** An operator aborts the open change of any domain, with a reason. */
  public OwnerChange abort(Actor operator, String domain, String reason) {
    return ending.abort(operator, domain, reason);
  }

  /** See {@link OwnerChangeAnswers}: a registrant accepts or refuses with their link and code. */
  public OwnerChange answer(
      String link, String code, boolean accept, String reason, String clientAddress) {
    return answers.answer(link, code, accept, reason, clientAddress);
  }

  /** Expires open changes past their deadline; returns how many. */
  public int expireDue() {
    return job.runDueWork();
  }
}
