package org.handover.system.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.util.Set;
import org.handover.system.Nic;
import org.handover.system.ReadReplica;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * After a signed-in customer's form post has been handled (its transaction committed), tells the
 * read replica to send that customer's next lists to the primary until it has replayed the change.
 */
class ReplicaFence implements HandlerInterceptor {

  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

  private final ReadReplica replica;

  ReplicaFence(ReadReplica replica) {
    this.replica = replica;
  }

  @Override
  public void postHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView view) {
    if (!replica.configured() || READS.contains(request.getMethod())) {
      return;
    }
    Principal principal = request.getUserPrincipal();
    HttpSession session = request.getSession(false);
    if (principal == null || session == null || !Nic.isValid(principal.getName())) {
      return;
    }
    replica.noteWrite(Nic.parse(principal.getName()), session);
  }
}
