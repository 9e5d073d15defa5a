package org.handover.account;

import java.util.List;
import org.handover.system.Nic;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * A customer as the session holds them once signed in: the customer ID as user name, and the name
 * the account menu shows, so that no page has to look it up again.
 */
public final class SignedInCustomer extends User implements PanelCustomer {

  /** The session attribute with the customer ID or email of the last failed sign-in. */
  public static final String TYPED_LOGIN = "HANDOVER_TYPED_LOGIN";

  private static final long serialVersionUID = 1L;

  private final String displayName;

  /** {@code role}: the authority the password alone grants (a second factor may still be due). */
  public SignedInCustomer(Account account, String passwordHash, String role) {
    super(
        account.nic().value(),
        passwordHash,
        account.isActive(),
        true,
        true,
        true,
        List.of(new SimpleGrantedAuthority(role)));
    this.displayName = account.displayName();
  }

  @Override
  public Nic nic() {
    return Nic.parse(getUsername());
  }

  @Override
  public String displayName() {
    return displayName;
  }
}
