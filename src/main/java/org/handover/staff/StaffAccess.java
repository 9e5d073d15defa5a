package org.handover.staff;

import java.util.List;
import java.util.Optional;
import org.handover.system.HandoverProperties;
import org.springframework.core.env.Environment;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The console's view of staff sign-in: who is signed in, and which ways in exist. */
@Component
public class StaffAccess {

  /** The session attribute holding the staff name typed in a refused sign-in, shown once. */
  public static final String TYPED_NAME = "HANDOVER_STAFF_TYPED_NAME";

  private final StaffSettings settings;
  private final boolean demoStaff;

  StaffAccess(StaffSettings settings, HandoverProperties properties, Environment env) {
    this.settings = settings;
    this.demoStaff = !settings.oidc() && StaffSecurity.demoStaff(properties, env);
  }

  /** The staff member signed in on this request, if any. */
  public Optional<StaffMember> current() {
    return StaffMember.of(SecurityContextHolder.getContext().getAuthentication(), settings);
  }

  public boolean oidc() {
    return settings.oidc();
  }

  /** Whether the built-in demo staff accounts can sign in. */
  public boolean demoStaff() {
    return demoStaff;
  }

  public List<String> demoAccounts() {
    return demoStaff ? StaffSecurity.DEMO_STAFF : List.of();
  }

  public String demoPassword() {
    return demoStaff ? StaffSecurity.DEMO_PASSWORD : null;
  }
}
