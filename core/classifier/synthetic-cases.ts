import type { DistrictConfig } from '../config/types.generated';
import { pick, prng } from '../seed/prng';

/**
 * Typical wording of reports by topic, keyed by the last segment of a category code (or the
 * whole code): what residents, grid workers and the 12345 hotline actually write.
 */
const TOPICS: Record<string, string[]> = {
  fireLane: ['消防通道被私家车长期占用', '楼道里堆满纸箱杂物堵塞消防通道', '电动车停在消防通道上', '消防通道被地锁圈占', '小区消防车道被摊贩占用', '安全出口被锁死无法通行'],
  building: ['外墙瓷砖大面积脱落', '楼顶装饰檐松动随时可能坠落', '楼体出现明显裂缝', '阳台护栏锈蚀松动', '危房无人居住但墙体倾斜', '雨棚脱落砸到路人'],
  water: ['小区自来水管爆裂漏水', '家里停水两天了没人通知', '自来水发黄浑浊有异味', '路面供水管网渗水形成积水', '水压太低高层用不上水', '水表井漏水一直流'],
  sewer: ['下水道堵塞污水外溢', '化粪池满溢臭味很大', '污水井盖缺失有人掉进去的危险', '雨水篦子堵塞路面积水', '排水管道破裂污水流到路上'],
  environment: ['垃圾桶满溢好几天无人清运', '路边乱堆建筑垃圾', '小广告乱贴乱画', '沿街商户占道经营', '工地扬尘很大没有覆盖', '烧烤油烟扰民', '河沟里漂满垃圾'],
  parking: ['小区车位不足车辆乱停', '僵尸车长期占用公共车位', '充电桩损坏无法充电', '外来车辆占用小区车位', '车位被个人私自加装地锁'],
  elderCare: ['独居老人需要助餐服务', '高龄老人行动不便需要上门助浴', '老人生病无人照护', '申请居家养老护理服务', '社区食堂希望增加老年餐'],
  silverCare: ['老人智能手环发出跌倒报警', '手环提示老人长时间未活动', '独居老人用水量异常需要上门查看', '老人忘记吃药需要提醒', '银发守护对象家中无人应答'],
  elderLivingAlone: ['独居老人连续两天未出门', '摇响铃铛没有回应需要上门查看', '独居老人家中暖气不热', '老人独自在家摔倒'],
  neighbour: ['邻居装修噪音扰民到深夜', '楼上漏水邻居拒不维修发生纠纷', '邻居在楼道堆放杂物产生矛盾', '邻里因宠物狗扰民吵架', '邻居私自占用公共区域'],
  marriage: ['夫妻因家庭琐事经常吵架', '离婚财产分割有矛盾需要调解', '婆媳矛盾闹到社区', '家庭纠纷需要社区出面调解'],
  debt: ['工程款被拖欠讨要无果', '借钱不还发生纠纷', '老板拖欠工人工资', '合伙生意欠款纠纷'],
  property: ['物业费收费标准不合理', '物业代收房产证费用业主不满', '电梯长期故障物业不维修', '物业服务差业主要求更换物业', '物业公司乱收停车费'],
  dispute: ['物业费收费标准不合理', '物业代收房产证费用业主不满', '业主与物业公司矛盾激化', '物业服务差业主拒交物业费'],
  streetLight: ['路灯不亮晚上走路很黑', '路灯杆倾斜有倒塌危险', '一整条街路灯白天也亮着', '路灯线缆裸露'],
  greening: ['绿化带树木被大风刮倒', '草坪被踩踏成了土路', '树枝遮挡交通信号灯', '绿化带里有枯死的树', '行道树需要修剪'],
  oldCompound: ['老旧小区楼道墙皮脱落', '老小区管线老化经常停电', '老旧小区没有电梯希望加装', '小区道路坑洼需要改造'],
  traffic: ['路口红绿灯故障', '早晚高峰路口拥堵严重', '道路坑洼不平容易摔倒', '公交站牌损坏', '人行道被护栏隔断无法通行'],
  transport: ['公交线路调整后出行不便', '道路坑洼不平容易摔倒', '路口红绿灯故障', '出租车拒载'],
  market: ['市场占道经营堵塞道路', '农贸市场卫生脏乱差', '商贩缺斤少两', '早市噪音扰民'],
  foodSafety: ['餐馆后厨卫生很差', '超市售卖过期食品', '路边摊食品无证经营', '学校周边小卖部卖三无食品'],
  chemical: ['化工企业排放刺鼻异味', '危化品储存不规范', '危险品运输车辆停在居民区', '重大危险源企业管道泄漏'],
  evCharging: ['楼道里飞线给电动车充电', '电动车充电桩故障', '电动车在楼道充电存在火灾隐患', '充电棚电线老化'],
  safety: ['燃气管道有泄漏的味道', '电线私拉乱接存在隐患', '井盖松动有安全隐患', '施工现场没有围挡', '广告牌松动可能掉落'],
  courtReferral: ['法院推送的纠纷案件需要诉前调解', '法院转来的邻里纠纷', '诉前调解案件需要社区配合'],
  petitionLitigation: ['群众多次信访反映同一问题', '涉法涉诉信访诉求', '上访群众要求解决历史遗留问题'],
  tourism: ['景区游客太多存在安全隐患', '游船救生设施不齐全', '景区步道护栏损坏'],
  yellowRiver: ['黄河滩区有人非法采砂', '黄河大堤附近倾倒垃圾', '滩区违规种植'],
  villageServices: ['村里道路需要硬化', '村民办事要跑好几趟', '村集体经济账目不公开', '村里自来水经常停'],
  publicOrder: ['深夜有人聚众喧哗', '小区出现可疑人员', '有人在路边赌博', '酒后闹事'],
  civil: ['申请低保需要办理哪些手续', '困难家庭申请临时救助', '残疾人补贴没有发放'],
  health: ['诊所无证行医', '社区卫生服务站人手不足', '家门口有医疗废物乱丢'],
  urban: ['违章搭建影响邻居采光', '城市管理问题', '占道经营', '私搭乱建'],
  housing: ['房屋漏雨需要维修', '违规改建承重墙', '公租房分配问题'],
  utilities: ['小区突然停电', '燃气表故障', '暖气不热', '网络线路被挖断'],
  disputes: ['矛盾纠纷需要调解', '双方争执不下要求社区出面', '纠纷调解'],
  services: ['社区服务', '办事咨询'],
  community: ['小区公共设施损坏', '小区管理问题'],
};

const PLACES = ['小区东门', '3号楼楼道', '巷口', '菜市场旁', '公园北侧', '学校门口', '公交站台', '地下车库', '院内', '沿街商铺前', '村委会门口', '十字路口'];
const OPENERS = ['', '', '反映：', '您好，', '市民来电反映', '网格员巡查发现', '群众反映'];
const CLOSERS = ['', '，请尽快处理。', '，希望有关部门管一管。', '，已经反映多次了。', '，存在安全隐患。', '，影响居民生活。', '。'];
const FILLERS = ['这个问题', '一直', '最近', '好几天了', '很多人', '附近居民', '晚上'];

export interface SyntheticCase {
  text: string;
  title: string;
  description: string;
  label: string;
}

function phrasesFor(category: DistrictConfig['categories'][number]): string[] {
  const segments = category.code.split('.');
  for (let i = segments.length - 1; i >= 0; i--) {
    const bank = TOPICS[segments[i]];
    if (bank) return bank;
  }
  const label = category.label['zh-CN'];
  return (category.keywords ?? []).map((k) => `${label}：${k}`).concat(label);
}

/**
 * A labelled set of realistic reports for every category of a district, with noise: varying
 * openers and endings, places from the district's own unit names, dropped characters and now and
 * then a phrase from another category. Deterministic per seed.
 */
export function syntheticCases(district: DistrictConfig, count: number, seed = 1, placeNames: string[] = []): SyntheticCase[] {
  const rand = prng(seed);
  const categories = district.categories;
  const banks = categories.map((c) => [...phrasesFor(c), ...(c.keywords ?? []).map((k) => `${k}问题`)]);
  const places = placeNames.length ? placeNames : PLACES;
  const out: SyntheticCase[] = [];
  for (let i = 0; i < count; i++) {
    const ci = Math.floor(rand() * categories.length);
    const phrase = pick(rand, banks[ci]);
    let description = `${pick(rand, OPENERS)}${pick(rand, places)}${pick(rand, PLACES)}${rand() < 0.3 ? pick(rand, FILLERS) : ''}${phrase}`;
    if (rand() < 0.15) description += `，另外${pick(rand, banks[Math.floor(rand() * categories.length)])}`;
    description += pick(rand, CLOSERS);
    // Typos and dropped characters: a few percent of characters lost.
    description = [...description].filter(() => rand() > 0.03).join('');
    const title = phrase.slice(0, 4 + Math.floor(rand() * 8));
    out.push({ title, description, text: `${title} ${description}`, label: categories[ci].code });
  }
  return out;
}
