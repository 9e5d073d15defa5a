package org.handover.staff.web;

import org.handover.staff.StaffAccess;
import org.handover.staff.StaffMember;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page's layout needs: the signed-in staff member, and the labels of audit
 * actions for the pages that list a trail.
 */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

  private final StaffAccess access;
  private final ActionLabels actions;

  ConsoleModel(StaffAccess access, ActionLabels actions) {
    this.access = access;
    this.actions = actions;
  }

  @ModelAttribute("actions")
  ActionLabels actions() {
    return actions;
  }

  @ModelAttribute("staff")
  StaffMember staff() {
    return access.current().orElse(null);
  }
}
