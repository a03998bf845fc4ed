import { PickDeployment, first } from './strategy';

/** Priority order: the first healthy deployment as listed in the alias. */
export const pickOrdered: PickDeployment = ({ candidates }) => first(candidates);
