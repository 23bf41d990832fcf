package io.shopsense.search.rank;

import io.shopsense.core.model.Channel;
import io.shopsense.core.profile.UserProfile;

/**
 * Who searches what, when and where: the request side of the ranking features.
 *
 * @param query the query as typed
 * @param profile the shopper's profile as of the request (null for an anonymous shopper); at
 *     training time the snapshot taken when the search happened
 * @param time the request time, epoch ms (item age, running promotions)
 * @param channel the request's channel, or null
 * @param personalize false to zero every {@link Feature#personal() personal} feature, so every
 *     shopper gets the same ranking
 */
public record RankingContext(String query, UserProfile profile, long time, Channel channel, boolean personalize) {

  /** An anonymous, non-personalized request. */
  public static RankingContext anonymous(String query, long time) {
    return new RankingContext(query, null, time, null, false);
  }
}
