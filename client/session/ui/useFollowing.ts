import { useEffect, useState } from 'react';
import type { FollowController } from '../FollowController.ts';

/** Whether this screen follows the lead now. */
export function useFollowing(follow: FollowController): boolean {
  const [on, setOn] = useState(follow.following);
  useEffect(() => {
    setOn(follow.following);
    return follow.onChange((v) => setOn(v));
  }, [follow]);
  return on;
}
