package org.handover.change;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** States of a contact change request, with the reference API's values. */
public enum ChangeState {
  todo,
  validatingByCustomers,
  checkValidity,
  doing,
  done,
  refused,
  expired,
  aborted,
  error;

  private static final Map<ChangeState, Set<ChangeState>> NEXT =
      Map.of(
          todo, EnumSet.of(validatingByCustomers, aborted, error),
          validatingByCustomers, EnumSet.of(checkValidity, refused, expired, aborted, error),
          checkValidity, EnumSet.of(doing, refused, error),
          doing, EnumSet.of(done, error),
          done, EnumSet.noneOf(ChangeState.class),
          refused, EnumSet.noneOf(ChangeState.class),
          expired, EnumSet.noneOf(ChangeState.class),
          aborted, EnumSet.noneOf(ChangeState.class),
          error, EnumSet.noneOf(ChangeState.class));

  /** Every state's name, for messages that name the accepted values: "todo, …, error". */
  public static String names() {
    return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
  }

  /** The state with this exact name, if any (user input: filters of pages and APIs). */
  public static Optional<ChangeState> parse(String name) {
    for (ChangeState s : values()) {
      if (s.name().equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** Whether the request has ended; ended requests never change again. */
  public boolean isFinal() {
    return NEXT.get(this).isEmpty();
  }

  public boolean isOpen() {
    return !isFinal();
  }

  /** Whether a move from this state to {@code next} is a legal transition. */
  public boolean canMoveTo(ChangeState next) {
    return NEXT.get(this).contains(next);
  }
}
