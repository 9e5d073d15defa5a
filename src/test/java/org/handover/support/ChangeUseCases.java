package org.handover.support;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.handover.catalog.ServiceKey;
import org.handover.catalog.ServiceType;
import org.handover.change.AbortChange;
import org.handover.change.AnswerChange;
import org.handover.change.CancelChange;
import org.handover.change.ChangeItem;
import org.handover.change.ChangeQueries;
import org.handover.change.ChangeSet;
import org.handover.change.ChangeState;
import org.handover.change.DeleteService;
import org.handover.change.PreviewChanges;
import org.handover.change.RequestChanges;
import org.handover.change.ResendCode;
import org.handover.change.RoleOption;
import org.handover.change.RoleOptions;
import org.handover.change.SetPreview;
import org.handover.change.WantedContacts;
import org.handover.contact.ContactRole;
import org.handover.contact.PlannedChange;
import org.handover.system.Actor;
import org.handover.system.Nic;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.test.context.TestComponent;

/**
 * The change workflow's use cases under one name, as tests drive them: each call goes straight to
 * the use case of {@code org.handover.change} that owns it ({@link RequestChanges}, {@link
 * AnswerChange}, {@link ChangeQueries}, …), wanted contacts given as a plain map.
 */
@TestComponent
public class ChangeUseCases {

  private final RequestChanges requests;
  private final PreviewChanges previews;
  private final AnswerChange answers;
  private final ResendCode resends;
  private final CancelChange cancels;
  private final AbortChange aborts;
  private final DeleteService deletions;
  private final ChangeQueries queries;
  private final RoleOptions roleOptions;

  public ChangeUseCases(
      RequestChanges requests,
      PreviewChanges previews,
      AnswerChange answers,
      ResendCode resends,
      CancelChange cancels,
      AbortChange aborts,
      DeleteService deletions,
      ChangeQueries queries,
      RoleOptions roleOptions) {
    this.requests = requests;
    this.previews = previews;
    this.answers = answers;
    this.resends = resends;
    this.cancels = cancels;
    this.aborts = aborts;
    this.deletions = deletions;
    this.queries = queries;
    this.roleOptions = roleOptions;
  }

  /** The use cases of one running application (a test that starts several). */
  public static ChangeUseCases of(BeanFactory app) {
    return new ChangeUseCases(
        app.getBean(RequestChanges.class),
        app.getBean(PreviewChanges.class),
        app.getBean(AnswerChange.class),
        app.getBean(ResendCode.class),
        app.getBean(CancelChange.class),
        app.getBean(AbortChange.class),
        app.getBean(DeleteService.class),
        app.getBean(ChangeQueries.class),
        app.getBean(RoleOptions.class));
  }

  public Optional<ChangeSet> request(
      Actor actor, ServiceType type, String name, Map<ContactRole, Nic> wanted) {
    return requests.request(actor, type, name, WantedContacts.of(wanted));
  }

  public ChangeSet requestSet(
      Actor actor, Collection<ServiceKey> keys, Map<ContactRole, Nic> wanted, boolean leaveOut) {
    return requests.requestSet(actor, keys, WantedContacts.of(wanted), leaveOut);
  }

  public List<PlannedChange> preview(
      Actor actor, ServiceType type, String name, Map<ContactRole, Nic> wanted) {
    return previews.preview(actor, type, name, WantedContacts.of(wanted));
  }

  public SetPreview previewSet(
      Actor actor, Collection<ServiceKey> keys, Map<ContactRole, Nic> wanted) {
    return previews.previewSet(actor, keys, WantedContacts.of(wanted));
  }

  public ChangeSet accept(Actor actor, long id, String code) {
    return answers.accept(actor, id, code);
  }

  public ChangeSet refuse(Actor actor, long id, String code, String why) {
    return answers.refuse(actor, id, code, why);
  }

  public void resendCode(Actor actor, long id) {
    resends.resend(actor, id);
  }

  public ChangeSet cancel(Actor actor, long id) {
    return cancels.cancel(actor, id);
  }

  public ChangeSet abort(Actor operator, long id, String reason) {
    return aborts.abort(operator, id, reason);
  }

  public void deleteService(Actor operator, ServiceType type, String name) {
    deletions.delete(operator, type, name);
  }

  public List<RoleOption> roleOptions(Nic viewer, ServiceType type, String name) {
    return roleOptions.of(viewer, type, name);
  }

  public ChangeSet get(Nic viewer, long id) {
    return queries.get(viewer, id);
  }

  public long setOfTask(Nic viewer, long taskId) {
    return queries.setOfTask(viewer, taskId);
  }

  public Map.Entry<ChangeSet, ChangeItem> task(Nic viewer, long taskId) {
    return queries.task(viewer, taskId);
  }

  public Optional<ChangeSet> find(long id) {
    return queries.find(id);
  }

  public Optional<ChangeSet> findByTask(long taskId) {
    return queries.findByTask(taskId);
  }

  public List<Map.Entry<ChangeSet, ChangeItem>> search(
      ChangeState state, String serviceName, Nic account, int page, int size) {
    return queries.search(state, serviceName, account, page, size);
  }

  public List<ChangeSet> listInvolving(
      Nic nic, ChangeState state, boolean awaitingMe, Long beforeId, int limit) {
    return queries.listInvolving(nic, state, awaitingMe, beforeId, limit);
  }

  public int awaitingCount(Nic nic) {
    return queries.awaitingCount(nic);
  }

  public Map<Long, Long> openSets(Collection<Long> serviceIds) {
    return queries.openSets(serviceIds);
  }

  public Set<Long> setsWithMember(Nic nic, Collection<Long> setIds) {
    return queries.setsWithMember(nic, setIds);
  }

  public List<Long> taskIdsInvolving(Nic nic, ChangeState state, Nic asking, Nic to) {
    return queries.taskIdsInvolving(nic, state, asking, to);
  }
}
