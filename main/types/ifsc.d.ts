// The offline part of the `ifsc` package (Razorpay's copy of the RBI branch list). Its
// fetchDetails is left out on purpose: it asks ifsc.razorpay.com, and the console must not
// send a beneficiary's bank code over the network.
declare module 'ifsc' {
  const ifsc: { validate(code: string): boolean };
  export default ifsc;
}
