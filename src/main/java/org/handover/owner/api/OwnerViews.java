package org.handover.owner.api;

import java.util.List;
import org.handover.apiauth.ApiResponses;
import org.handover.catalog.DomainOwner;
import org.handover.owner.OwnerChange;
import org.handover.owner.OwnerChanges.OwnerView;

/** The JSON shapes of owner records and owner changes, shared by the customer and operator APIs. */
public final class OwnerViews {

  private OwnerViews() {}

  /** A domain's owner record with its transfer lock and open change (null when none). */
  public record OwnerJson(
      String domain,
      String name,
      String organisation,
      String email,
      String address,
      String phone,
      String updatedAt,
      String transferLockedUntil,
      ChangeJson openChange) {

    public static OwnerJson of(OwnerView view) {
      DomainOwner o = view.owner().orElse(null);
      return new OwnerJson(
          view.service().name(),
          o == null ? null : o.name(),
          o == null ? null : o.organisation(),
          o == null ? null : o.email(),
          o == null ? null : o.address(),
          o == null ? null : o.phone(),
          o == null ? null : ApiResponses.datetime(o.updatedAt()),
          o == null ? null : ApiResponses.datetime(o.transferLockedUntil()),
          view.openChange().map(ChangeJson::of).orElse(null));
    }
  }

  /** The registrant a change would set. */
  public record RegistrantJson(String name, String organisation, String email) {

    static RegistrantJson of(DomainOwner o) {
      return new RegistrantJson(o.name(), o.organisation(), o.email());
    }
  }

  /** One registrant who must confirm, and their answer (pending, accepted, refused). */
  public record PartyJson(String registrant, String email, String status, String answeredAt) {}

  /** An owner change: who asked, from whom to whom, its state and each registrant's answer. */
  public record ChangeJson(
      long id,
      String domain,
      String askingAccount,
      String state,
      RegistrantJson from,
      RegistrantJson to,
      String address,
      String phone,
      String dateRequest,
      String expiresAt,
      String dateDone,
      String reason,
      List<PartyJson> parties) {

    public static ChangeJson of(OwnerChange c) {
      return new ChangeJson(
          c.id(),
          c.domain(),
          c.askedBy().value(),
          c.state().name(),
          RegistrantJson.of(c.before()),
          RegistrantJson.of(c.after()),
          c.after().address(),
          c.after().phone(),
          ApiResponses.datetime(c.requestedAt()),
          ApiResponses.datetime(c.expiresAt()),
          ApiResponses.datetime(c.endedAt()),
          c.endReason(),
          c.parties().stream()
              .map(
                  p ->
                      new PartyJson(
                          p.registrant().code(),
                          p.email(),
                          p.status().name(),
                          ApiResponses.datetime(p.answeredAt())))
              .toList());
    }
  }
}
