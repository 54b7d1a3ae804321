/** Text for screen readers only: laid out as a 1-px box, so it is read but never seen. */
import { css } from 'lit';

export const visuallyHiddenStyles = css`
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
