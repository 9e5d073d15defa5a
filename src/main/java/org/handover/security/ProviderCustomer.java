package org.handover.security;

import java.util.Collection;
import org.handover.account.PanelCustomer;
import org.handover.system.Nic;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/**
 * A customer signed in through the provider's identity provider: the ID token as Spring Security
 * keeps it, named by the customer ID (what sessions are indexed by and every page reads).
 */
public final class ProviderCustomer extends DefaultOidcUser implements PanelCustomer {

  private static final long serialVersionUID = 1L;

  private final String nic;
  private final String displayName;

  ProviderCustomer(
      Collection<? extends GrantedAuthority> authorities,
      OidcIdToken idToken,
      OidcUserInfo userInfo,
      Nic nic,
      String displayName) {
    super(authorities, idToken, userInfo, IdTokenClaimNames.SUB);
    this.nic = nic.value();
    this.displayName = displayName;
  }

  @Override
  public String getName() {
    return nic;
  }

  @Override
  public Nic nic() {
    return Nic.parse(nic);
  }

  @Override
  public String displayName() {
    return displayName;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ProviderCustomer that && super.equals(that) && nic.equals(that.nic);
  }

  @Override
  public int hashCode() {
    return super.hashCode() * 31 + nic.hashCode();
  }
}
