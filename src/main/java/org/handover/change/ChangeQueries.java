package org.handover.change;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.handover.catalog.HostedServices;
import org.handover.change.ChangeErrors.ChangeNotFound;
import org.handover.system.Nic;
import org.springframework.stereotype.Service;

/**
 * Reads change sets for the pages, the APIs and other features: a member's set or task (anyone else
 * gets the same {@link ChangeNotFound} as for one that does not exist), a member's lists, the
 * operators' search, the open sets of services. Nothing here writes.
 */
@Service
public class ChangeQueries {

  private final ChangeSets sets;
  private final ChangeSetRows rows;
  private final ChangeRepository repository;
  private final HostedServices services;

  ChangeQueries(
      ChangeSets sets, ChangeSetRows rows, ChangeRepository repository, HostedServices services) {
    this.sets = sets;
    this.rows = rows;
    this.repository = repository;
    this.services = services;
  }

  /** A set the account is a member of, with all its items; {@link ChangeNotFound} otherwise. */
  public ChangeSet get(Nic viewer, long id) {
    return sets.find(id).filter(c -> c.involves(viewer)).orElseThrow(() -> new ChangeNotFound(id));
  }

  /** The set of a task (an item), if the account is a member of it. */
  public long setOfTask(Nic viewer, long taskId) {
    return repository
        .setOfTaskForMember(taskId, viewer)
        .orElseThrow(() -> new ChangeNotFound(taskId));
  }

  /**
   * The sets among {@code setIds} the account is a member of: those whose page (and tasks) it may
   * see.
   */
  public Set<Long> setsWithMember(Nic nic, Collection<Long> setIds) {
    return repository.setsWithMember(nic, setIds);
  }

  /**
   * A task (an item) with its set, if the account is a member of the set: the set is read whole
   * (its members with it) and membership checked on what was read.
   */
  public Map.Entry<ChangeSet, ChangeItem> task(Nic viewer, long taskId) {
    ChangeSet set =
        findByTask(taskId)
            .filter(s -> s.involves(viewer))
            .orElseThrow(() -> new ChangeNotFound(taskId));
    return Map.entry(set, set.item(taskId).orElseThrow(() -> new ChangeNotFound(taskId)));
  }

  /** Any set, for operators and tests. */
  public Optional<ChangeSet> find(long id) {
    return sets.find(id);
  }

  /** The set of any task, whoever asks (callers check who may see it). */
  public Optional<ChangeSet> findByTask(long taskId) {
    return rows.findByTask(taskId);
  }

  /** A page of every task with its set, for operators; filters may be null. */
  public List<Map.Entry<ChangeSet, ChangeItem>> search(
      ChangeState state, String serviceName, Nic account, int page, int size) {
    List<Long> serviceIds = serviceName == null ? null : services.idsNamed(serviceName);
    return repository.searchTasks(
        state, serviceIds, account, Math.max(0, page), Math.max(1, Math.min(size, 500)));
  }

  /**
   * One page of the sets the account is a member of, newest first, each with its first items; only
   * those waiting for the account's code when {@code awaitingMe}.
   */
  public List<ChangeSet> listInvolving(
      Nic nic, ChangeState state, boolean awaitingMe, Long beforeId, int limit) {
    return repository.involving(
        nic, state, awaitingMe, beforeId, Math.max(1, Math.min(limit, 200)));
  }

  /** How many open sets wait for the account's code. */
  public int awaitingCount(Nic nic) {
    return repository.awaitingCount(nic);
  }

  /** Of these services, the ones with an open set, and that set's id. */
  public Map<Long, Long> openSets(Collection<Long> serviceIds) {
    Map<Long, Long> open = new HashMap<>();
    repository
        .openClaimsOf(serviceIds)
        .forEach((service, claims) -> open.put(service, claims.values().iterator().next()));
    return open;
  }

  /** Ids of the tasks of the sets the account is a member of, newest first. */
  public List<Long> taskIdsInvolving(Nic nic, ChangeState state, Nic asking, Nic to) {
    return repository.taskIdsInvolving(nic, state, asking, to);
  }
}
