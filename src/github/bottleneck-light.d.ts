// bottleneck/light.js is Bottleneck without its Redis clustering (what the Octokit plugins load); same API.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
