import { useHostMessages } from './useHostMessages.ts';

/** "Published" or "Draft", in words (not only colour). */
export function PublishBadge({ published }: { published: boolean }) {
  const { m } = useHostMessages();
  return <span className={published ? 'host-badge published' : 'host-badge draft'}>{published ? m.published : m.draft}</span>;
}
