package io.clustertour.operator.reconcile;

import io.clustertour.operator.act.ActResult;
import io.clustertour.operator.api.Stop;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.observe.InventoryResult;

/** Makes a stop happen in the cluster: tracks its namespace first, then acts. */
interface StopStarter {

  /** Result of starting a stop; {@code inventory} only for Inventory stops. */
  record Started(ActResult act, InventoryResult inventory) {
    static Started of(ActResult act) {
      return new Started(act, null);
    }
  }

  /**
   * Acts for {@code stop}; {@code status} is the stop's status, where a choice that must survive a
   * crash (the pod a DeletePod stop deletes) is kept.
   */
  Started start(Stop stop, StopStatus status);
}
