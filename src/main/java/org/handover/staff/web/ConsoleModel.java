package org.handover.staff.web;

import org.handover.staff.StaffAccess;
import org.handover.staff.StaffMember;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page's layout needs: the signed-in staff member. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

  private final StaffAccess access;

  ConsoleModel(StaffAccess access) {
    this.access = access;
  }

  @ModelAttribute("staff")
  StaffMember staff() {
    return access.current().orElse(null);
  }
}
